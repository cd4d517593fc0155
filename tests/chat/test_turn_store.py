"""Both ways of keeping a turn write the same rows, read back through the models: the
SQLAlchemy one (every database) and, on SQLite, the one that runs in the connection's thread."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from assistant.chat.schemas import ChatRequest, ChatResponse
from assistant.chat.sqlite_turns import SqliteTurnStore
from assistant.chat.turn_store import TurnStore
from assistant.core.errors import ConversationNotFound
from assistant.db.clock import as_utc
from assistant.db.models import Conversation, Message

REPLY = {
    "language": "fr",
    "outcome": "answer",
    "kb_entries": ["talent-work-permit"],
    "messages": [
        {"text": "Le permis de travail…", "buttons": [{"title": "Oui", "payload": "/affirm"}]},
        {"text": "Autre chose?", "buttons": []},
    ],
}


@pytest.fixture(params=["the app's", "sqlalchemy"])
def store(request: pytest.FixtureRequest, services) -> TurnStore:
    """The app's own store (on SQLite, ``SqliteTurnStore``) and the plain SQLAlchemy one."""
    if request.param == "sqlalchemy":
        return TurnStore(services.sessions)
    return services.chat._store


async def _rows(services, conversation_id: str) -> tuple[Conversation, list[Message]]:
    async with services.sessions() as session:
        conversation = await session.get(Conversation, conversation_id)
        messages = await session.execute(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
        return conversation, list(messages.scalars())


def test_the_app_on_sqlite_keeps_turns_in_the_connection_s_thread(services, database):
    expected = SqliteTurnStore if database == "sqlite" else TurnStore
    assert type(services.chat._store) is expected


async def test_a_turn_keeps_the_message_then_the_reply_as_the_models_read_them(services, store):
    before = datetime.now(UTC)
    turn = await store.open(
        ChatRequest(
            text="Work permit?", language="en", client_message_id="m1", timezone="Europe/Paris"
        )
    )
    assert (turn.status, turn.language, turn.retried, turn.reply) == ("bot", "en", False, None)
    conversation, messages = await _rows(services, turn.conversation_id)
    assert (conversation.language, conversation.status) == ("en", "bot")
    assert conversation.visitor_timezone == "Europe/Paris"
    [visitor] = messages
    assert (visitor.id, visitor.sender, visitor.text) == (
        turn.message_id,
        "visitor",
        "Work permit?",
    )
    assert visitor.client_message_id == "m1" and visitor.payload is None
    assert before <= as_utc(visitor.created_at) <= datetime.now(UTC)

    reply = ChatResponse(conversation_id=turn.conversation_id, **REPLY)
    await store.close(turn, reply)
    conversation, messages = await _rows(services, turn.conversation_id)
    assert conversation.language == "fr"  # the reply's
    assert as_utc(conversation.updated_at) >= as_utc(conversation.created_at)
    visitor, *bots = messages
    assert visitor.payload == reply.model_dump() and visitor.outcome == "answer"
    assert [(b.sender, b.text, b.outcome) for b in bots] == [
        ("bot", "Le permis de travail…", "answer"),
        ("bot", "Autre chose?", "answer"),
    ]
    assert [b.payload for b in bots] == [
        {"buttons": [{"title": "Oui", "payload": "/affirm"}]},
        {"buttons": []},
    ]


async def test_a_resent_message_gets_its_reply_or_is_a_retry_of_the_same_row(services, store):
    first = await store.open(ChatRequest(text="Bonjour", client_message_id="m1"))
    reply = ChatResponse(conversation_id=first.conversation_id, **REPLY)
    await store.close(first, reply)
    known = first.conversation_id

    again = await store.open(
        ChatRequest(text="Bonjour", conversation_id=known, client_message_id="m1")
    )
    assert again.reply == reply.model_dump()

    cut = await store.open(
        ChatRequest(text="Et ensuite?", conversation_id=known, client_message_id="m2")
    )
    retry = await store.open(
        ChatRequest(text="Et ensuite?", conversation_id=known, client_message_id="m2")
    )
    assert (retry.retried, retry.reply, retry.message_id) == (True, None, cut.message_id)
    assert as_utc(retry.stored_at) == as_utc(cut.stored_at)
    _, messages = await _rows(services, known)
    assert [m.text for m in messages if m.sender == "visitor"] == ["Bonjour", "Et ensuite?"]


async def test_a_known_conversation_takes_the_latest_time_zone_and_an_unknown_one_is_refused(
    services, store
):
    turn = await store.open(ChatRequest(text="Bonjour"))
    await store.open(
        ChatRequest(text="Allô", conversation_id=turn.conversation_id, timezone="Asia/Tokyo")
    )
    conversation, messages = await _rows(services, turn.conversation_id)
    assert conversation.visitor_timezone == "Asia/Tokyo" and len(messages) == 2
    with pytest.raises(ConversationNotFound):
        await store.open(ChatRequest(text="Allô", conversation_id="nobody-has-this-one"))
