from __future__ import annotations

import pytest
from sqlalchemy import select

from assistant.chat.schemas import ChatRequest
from assistant.core.errors import AssistantUnavailable, ConversationNotFound
from assistant.db.models import Conversation, Message


async def _messages(services, conversation_id):
    async with services.sessions() as session:
        result = await session.execute(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
        return [(m.sender, m.text) for m in result.scalars()]


async def test_a_turn_is_stored_with_its_reply(services, fake_rasa):
    reply = await services.chat.handle(ChatRequest(text="Bonjour", language="fr"))
    assert reply.outcome == "smalltalk" and reply.language == "fr"
    assert await _messages(services, reply.conversation_id) == [
        ("visitor", "Bonjour"),
        ("bot", "Bonjour!"),
    ]
    assert fake_rasa.calls == [(reply.conversation_id, "Bonjour", "fr")]


async def test_resending_a_client_message_id_returns_the_same_reply_without_asking_rasa_again(
    services, fake_rasa
):
    first = await services.chat.handle(ChatRequest(text="Bonjour", client_message_id="m1"))
    again = await services.chat.handle(
        ChatRequest(text="Bonjour", client_message_id="m1", conversation_id=first.conversation_id)
    )
    assert again == first
    assert len(fake_rasa.calls) == 1
    assert len(await _messages(services, first.conversation_id)) == 2


async def test_when_rasa_is_down_the_message_is_kept_and_answered_on_retry(services, fake_rasa):
    fake_rasa.down = True
    with pytest.raises(AssistantUnavailable) as raised:
        await services.chat.handle(
            ChatRequest(text="Where is the congress centre?", client_message_id="m1", language="en")
        )
    conversation_id = raised.value.conversation_id
    assert raised.value.language == "en"
    assert await _messages(services, conversation_id) == [
        ("visitor", "Where is the congress centre?")
    ]

    fake_rasa.down = False
    reply = await services.chat.handle(
        ChatRequest(
            text="Where is the congress centre?",
            client_message_id="m1",
            conversation_id=conversation_id,
        )
    )
    assert reply.messages[0].text == "Bonjour!"
    assert [s for s, _ in await _messages(services, conversation_id)] == ["visitor", "bot"]


async def test_an_unknown_conversation_is_refused(services, fake_rasa):
    with pytest.raises(ConversationNotFound):
        await services.chat.handle(ChatRequest(text="hi", conversation_id="does-not-exist"))


async def test_the_bot_stays_silent_while_staff_own_the_conversation(services, fake_rasa):
    first = await services.chat.handle(ChatRequest(text="Bonjour"))
    async with services.sessions() as session:
        conversation = await session.get(Conversation, first.conversation_id)
        conversation.status = "handoff"
        await session.commit()
    reply = await services.chat.handle(
        ChatRequest(text="Allô?", conversation_id=first.conversation_id)
    )
    assert reply.outcome == "handoff" and reply.messages == []
    assert len(fake_rasa.calls) == 1


async def test_the_conversation_language_follows_rasa(services, fake_rasa):
    fake_rasa.reply = [{"text": "Hello!"}, {"custom": {"outcome": "smalltalk", "language": "en"}}]
    reply = await services.chat.handle(ChatRequest(text="Hello"))
    assert reply.language == "en"
    async with services.sessions() as session:
        assert (await session.get(Conversation, reply.conversation_id)).language == "en"


async def test_a_turn_where_rasa_said_nothing_still_gets_a_reply(services, fake_rasa):
    fake_rasa.reply = []
    reply = await services.chat.handle(ChatRequest(text="Hello", language="en"))
    assert reply.outcome == "fallback"
    assert reply.messages[0].text.startswith("Sorry, I could not process your message.")
