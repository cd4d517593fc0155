"""A retried message whose first attempt was cut short (its app process killed while Rasa
worked on it): the reply Rasa already gave is read back from its tracker store and Rasa is not
asked again, so a form never takes one answer twice (``assistant/chat/recovery.py``)."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import select

from assistant.chat.recovery import TurnRecovery, completed_turn
from assistant.chat.schemas import ChatRequest
from assistant.db.models import Message
from assistant.privacy.rasa_trackers import TrackerEvent


def _event(kind: str, **data: object) -> TrackerEvent:
    return TrackerEvent("c1", kind, 0.0, {"event": kind, **data})


def _rasa_turn(message_id: str, text: str) -> list[TrackerEvent]:
    """The events Rasa saves for one turn of the escalation form, as its store holds them."""
    return [
        _event("user", text=text, metadata={"client_message_id": message_id, "language": "fr"}),
        _event("action", name="escalation_form"),
        _event("slot", name="contact_name", value=text),
        _event(
            "bot",
            text="Quelle est votre adresse courriel?",
            data={"buttons": [], "custom": None},
        ),
        _event("bot", text=None, data={"custom": {"outcome": "form", "language": "fr"}}),
        _event("action", name="action_listen"),
    ]


class Trackers:
    """Rasa's tracker store as the app reads it; ``events`` changes as Rasa saves turns."""

    def __init__(self, events: list[TrackerEvent] | None = None) -> None:
        self.events = events or []
        self.reads = 0

    async def events_of(self, conversation_ids: list[str]) -> list[TrackerEvent]:
        self.reads += 1
        return list(self.events)


def test_a_completed_turn_is_rebuilt_from_the_bot_events_after_its_user_event():
    events = [*_rasa_turn("m1", "Bonjour"), *_rasa_turn("m2", "Ana García")]
    turn = completed_turn(events, "m2")
    assert turn is not None and turn.outcome == "form" and turn.language == "fr"
    assert [m["text"] for m in turn.messages] == ["Quelle est votre adresse courriel?"]
    assert completed_turn(events, "m3") is None  # Rasa never saw it
    assert completed_turn(events[:-1], "m2") is None  # not finished: no action_listen yet


async def _attempt_cut_short(services, fake_rasa, message_id: str) -> str:
    """A first attempt that stored the message and then died before the reply was stored."""
    fake_rasa.down = True
    try:
        await services.chat.handle(
            ChatRequest(text="Ana García", client_message_id=message_id, language="fr")
        )
    except Exception as error:  # noqa: BLE001 - the 503 the visitor saw
        conversation_id = error.conversation_id  # type: ignore[attr-defined]
    fake_rasa.down = False
    return conversation_id


async def test_a_retry_gets_the_turn_rasa_already_completed_without_asking_rasa_again(
    services, fake_rasa
):
    conversation_id = await _attempt_cut_short(services, fake_rasa, "m1")
    calls = len(fake_rasa.calls)
    trackers = Trackers(_rasa_turn("m1", "Ana García"))
    services.chat._recovery = TurnRecovery(trackers, wait_seconds=5)

    reply = await services.chat.handle(
        ChatRequest(text="Ana García", client_message_id="m1", conversation_id=conversation_id)
    )
    assert reply.outcome == "form"
    assert reply.messages[0].text == "Quelle est votre adresse courriel?"
    assert len(fake_rasa.calls) == calls  # Rasa did not run the turn a second time
    async with services.sessions() as session:
        rows = await session.execute(
            select(Message.sender).where(Message.conversation_id == conversation_id)
        )
        assert list(rows.scalars()) == ["visitor", "bot"]  # the visitor's message once


async def test_a_retry_waits_for_a_first_attempt_still_in_rasa(services, fake_rasa):
    conversation_id = await _attempt_cut_short(services, fake_rasa, "m1")
    calls = len(fake_rasa.calls)
    trackers = Trackers()
    services.chat._recovery = TurnRecovery(trackers, wait_seconds=5, poll_seconds=0.05)

    async def rasa_finishes_later() -> None:
        await asyncio.sleep(0.4)
        trackers.events = _rasa_turn("m1", "Ana García")

    finishing = asyncio.create_task(rasa_finishes_later())
    reply = await services.chat.handle(
        ChatRequest(text="Ana García", client_message_id="m1", conversation_id=conversation_id)
    )
    await finishing
    assert reply.messages[0].text == "Quelle est votre adresse courriel?"
    assert len(fake_rasa.calls) == calls and trackers.reads > 1


async def test_a_message_rasa_never_completed_is_sent_again_once_the_wait_is_over(
    services, fake_rasa
):
    conversation_id = await _attempt_cut_short(services, fake_rasa, "m1")
    services.chat._recovery = TurnRecovery(Trackers(), wait_seconds=0.3, poll_seconds=0.05)
    started = time.monotonic()
    reply = await services.chat.handle(
        ChatRequest(text="Ana García", client_message_id="m1", conversation_id=conversation_id)
    )
    assert reply.messages[0].text == "Bonjour!"  # Rasa's answer to the message sent again
    assert fake_rasa.calls[-1][1] == "Ana García"
    # marked as a retry: had the first attempt reached Rasa, Rasa answers from its tracker
    assert fake_rasa.retries[-1] is True and fake_rasa.retries[0] is False
    assert time.monotonic() - started < 5
