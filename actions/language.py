"""Switching the conversation's language on request ("can we speak English?")."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.core.i18n import t

_NAMES = {
    "en": ("english", "anglais", "ingles", "inglés", "englisch", "inglese"),
    "fr": ("french", "francais", "français", "frances", "francés", "franzosisch", "französisch"),
}


def requested_language(tracker: Tracker) -> str:
    """The language asked for: the entity, a language named in the text, else the other one."""
    entity = next(tracker.get_latest_entity_values("requested_language"), None)
    if entity in ("fr", "en"):
        return entity
    text = (tracker.latest_message.get("text") or "").casefold()
    for language, names in _NAMES.items():
        if any(name in text for name in names):
            return language
    return "en" if tracker.get_slot("language") == "fr" else "fr"


def switch_language(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, question_follows: bool = False
) -> list[dict[str, Any]]:
    language = requested_language(tracker)
    # Written here, not as a domain response: Rasa renders an action's responses
    # before applying its events, so a response would still see the old language.
    key = "language_switched_short" if question_follows else "language_switched"
    dispatcher.utter_message(
        text=t(key, language),
        json_message={"outcome": "smalltalk", "language": language},
    )
    return [SlotSet("language", language)]


class ActionSwitchLanguage(Action):
    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return switch_language(dispatcher, tracker)
