"""Review inbox fixtures: the staff console's (signed-in clients, live server) plus factories
for the rows the inbox reads: visitor turns with their outcome, 👎 votes and cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from assistant.db.models import Conversation, Feedback, Message
from assistant.services import Services
from tests.staff.conftest import (  # noqa: F401 - fixtures shared with the staff console tests
    Clients,
    StaffClient,
    add_staff,
    agent,
    app,
    clients,
    live_server,
    open_case,
    page,
)


@pytest.fixture
async def editor(services: Services, clients: Clients) -> StaffClient:  # noqa: F811
    staff = await add_staff(services, "eloise@ville.quebec.qc.ca", name="Éloïse", role="editor")
    return await clients.sign_in(staff)


async def add_turn(
    services: Services,
    text: str,
    outcome: str | None,
    *,
    conversation_id: str = "conv-1",
    language: str = "fr",
    kb_entries: list[str] | None = None,
    reply: str = "…",
    at: datetime | None = None,
) -> Message:
    """A visitor message and the assistant's reply, stored as the chat service stores them
    (``outcome=None``: the reply has not arrived yet)."""
    at = at or datetime.now(UTC)
    async with services.sessions() as session, session.begin():
        if await session.get(Conversation, conversation_id) is None:
            session.add(Conversation(id=conversation_id, language=language))
        payload: dict[str, Any] | None = None
        if outcome is not None:
            payload = {
                "conversation_id": conversation_id,
                "language": language,
                "outcome": outcome,
                "kb_entries": kb_entries or [],
                "messages": [{"text": reply, "buttons": []}],
            }
        visitor = Message(
            conversation_id=conversation_id,
            sender="visitor",
            text=text,
            payload=payload,
            created_at=at,
        )
        session.add(visitor)
        if outcome is not None:
            session.add(
                Message(
                    conversation_id=conversation_id,
                    sender="bot",
                    text=reply,
                    outcome=outcome,
                    payload={"buttons": []},
                    created_at=at + timedelta(milliseconds=5),
                )
            )
    return visitor


async def add_vote(
    services: Services,
    question: str,
    kb_entry: str,
    value: str = "down",
    *,
    conversation_id: str = "conv-vote",
    language: str = "fr",
) -> None:
    async with services.sessions() as session, session.begin():
        if await session.get(Conversation, conversation_id) is None:
            session.add(Conversation(id=conversation_id, language=language))
        session.add(
            Feedback(
                conversation_id=conversation_id,
                kb_entry=kb_entry,
                value=value,
                question=question,
                language=language,
            )
        )
