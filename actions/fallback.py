"""When the dialogue cannot decide what to do next (Rasa's core fallback)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from assistant.core.i18n import t


class ActionNotUnderstood(Action):
    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = tracker.get_slot("language") or "fr"
        dispatcher.utter_message(
            text=t("kb_not_understood", language),
            json_message={"outcome": "fallback", "language": language},
        )
        # Forget the message so it does not steer the next turn.
        return [UserUtteranceReverted()]
