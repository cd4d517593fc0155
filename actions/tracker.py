"""What the actions read from Rasa's tracker, and how they say a built message."""

from __future__ import annotations

from collections.abc import Iterator

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.routing.reply import Utterance


def language_of(tracker: Tracker) -> str:
    """The conversation's language (French until the NLU or the visitor says otherwise)."""
    return tracker.get_slot("language") or "fr"


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_message_id(tracker: Tracker) -> str | None:
    """The ``client_message_id`` of the visitor message being answered (the chat API puts it
    in the message's metadata; a turn run again carries the same one)."""
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get("client_message_id")


def entity(tracker: Tracker, name: str) -> str | None:
    return next(tracker.get_latest_entity_values(name), None)


def user_intents(tracker: Tracker) -> Iterator[str | None]:
    """The intents of the visitor's messages, newest first."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            yield ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def utter(dispatcher: CollectingDispatcher, *utterances: Utterance) -> None:
    for utterance in utterances:
        dispatcher.utter_message(**utterance.as_kwargs())
