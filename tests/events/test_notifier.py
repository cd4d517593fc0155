"""What a write notifies, and when: only once committed (a woken reader finds the row), never
when rolled back; on both databases."""

from __future__ import annotations

from assistant.db.models import Conversation, Message
from assistant.events import CASES, Notifier, conversation_channel
from assistant.services import Services
from tests.staff.conftest import open_case


async def test_a_committed_staff_message_wakes_its_conversation_and_a_rolled_back_one_does_not(
    services: Services,
):
    await open_case(services, conversation_id="conv-n")
    channel = conversation_channel("conv-n")
    async with services.notifier.subscribe(channel) as woken:
        async with services.sessions() as session:
            session.add(Message(conversation_id="conv-n", sender="staff", text="Brouillon"))
            await session.flush()
            assert not await woken.wait(0.3)  # flushed is not committed: nobody is told yet
            await session.rollback()
        assert not await woken.wait(0.3)

        async with services.sessions() as session, session.begin():
            session.add(Message(conversation_id="conv-n", sender="staff", text="Bonjour"))
        assert await woken.wait(1.0)


async def test_visitor_and_bot_messages_wake_no_stream_but_a_status_change_does(
    services: Services,
):
    await open_case(services, conversation_id="conv-s")
    async with services.notifier.subscribe(conversation_channel("conv-s")) as woken:
        async with services.sessions() as session, session.begin():
            session.add(Message(conversation_id="conv-s", sender="visitor", text="Allô"))
            session.add(Message(conversation_id="conv-s", sender="bot", text="Bonjour!"))
        assert not await woken.wait(0.3)  # the widget has those from its own POST
        async with services.sessions() as session, session.begin():
            conversation = await session.get(Conversation, "conv-s")
            assert conversation is not None
            conversation.status = "handoff"
        assert await woken.wait(1.0)


async def test_a_new_case_wakes_the_queue(services: Services):
    async with services.notifier.subscribe(CASES) as woken:
        await open_case(services, conversation_id="conv-q")
        assert await woken.wait(1.0)


async def test_in_process_notifications_go_to_each_subscriber_of_the_channel_only():
    notifier = Notifier()
    first, second, other = (notifier.subscribe(c) for c in ("kb", "kb", "cases"))
    await notifier.publish("kb", "v2")
    assert await anext(first) == "v2" and await anext(second) == "v2"
    assert not await other.wait(0.05)
    first.close()
    for _ in range(200):  # a burst overflows nothing: it wakes the reader once
        await notifier.publish("kb")
    assert await second.wait(0.05) and not await second.wait(0.05)
