"""What a visitor typed in an escalation form they refused or cancelled is not kept: those
messages, and the bot's confirmation summary that repeated them, are replaced in the stored
transcript by a placeholder (also in the stored reply a retry would return).

The form's turns are the visitor messages since the form started: Rasa's tracker says how many
(user events after the form's activation), and the app's ``messages`` table holds them as the
conversation's latest visitor messages (the current one is stored before Rasa is asked).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.i18n import t
from assistant.db.models import Message

FORM_NAME = "escalation_form"


def form_turns(events: Iterable[Mapping[str, Any]]) -> int:
    """How many visitor messages were answers to the form (since its latest activation);
    none when the form was never activated (nothing typed outside it is ever replaced)."""
    turns: int | None = None
    for event in events:
        if event.get("event") == "active_loop" and event.get("name") == FORM_NAME:
            turns = 0
        elif event.get("event") == "user" and turns is not None:
            turns += 1
    return turns or 0


def _summaries() -> tuple[str, ...]:
    return tuple(t("confirm_intro", language) for language in ("fr", "en"))


def _redact_reply(payload: dict[str, Any] | None, placeholder: str) -> dict[str, Any] | None:
    if not payload or not isinstance(payload.get("messages"), list):
        return payload
    messages = [
        {**m, "text": placeholder}
        if isinstance(m, dict) and str(m.get("text", "")).startswith(_summaries())
        else m
        for m in payload["messages"]
    ]
    return {**payload, "messages": messages}


async def forget_form_turns(
    sessions: async_sessionmaker[AsyncSession], conversation_id: str, turns: int, language: str
) -> int:
    """Replace the last ``turns`` visitor messages and the bot summaries after the first of
    them; returns how many messages were replaced."""
    if turns <= 0:
        return 0
    placeholder = t("privacy.form_text_not_kept", language)
    async with sessions() as session, session.begin():
        visitor = list(
            (
                await session.execute(
                    select(Message)
                    .where(Message.conversation_id == conversation_id, Message.sender == "visitor")
                    .order_by(Message.id.desc())
                    .limit(turns)
                )
            ).scalars()
        )
        if not visitor:
            return 0
        for message in visitor:
            message.text = placeholder
            message.payload = _redact_reply(message.payload, placeholder)
        first = min(m.id for m in visitor)
        bot = (
            await session.execute(
                select(Message).where(
                    Message.conversation_id == conversation_id,
                    Message.sender == "bot",
                    Message.id > first,
                )
            )
        ).scalars()
        summaries = [m for m in bot if m.text.startswith(_summaries())]
        for message in summaries:
            message.text = placeholder
        return len(visitor) + len(summaries)
