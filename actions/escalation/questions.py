"""The form's questions: the notice with consent, each field, and the confirmation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker import language_of
from assistant.cases import intake
from assistant.core.i18n import STRINGS, colon, t
from assistant.privacy.consent import notice_text


class ActionAskConsent(Action):
    """The notice (who receives what, why, for how long), the link to the full privacy notice
    (``public_url`` + ``/confidentialite`` or ``/privacy``) and the consent question."""

    def __init__(self, retention_days: int, public_url: str = "") -> None:
        self._days = retention_days
        self._public_url = public_url

    def name(self) -> str:
        return "action_ask_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        dispatcher.utter_message(
            # recorded by its hash when the visitor answers (assistant/privacy/consent.py)
            text=notice_text(language, self._days, self._public_url),
            buttons=[
                {"title": t("consent_yes", language), "payload": "/affirm"},
                {"title": t("consent_no", language), "payload": "/deny"},
            ],
            json_message={"outcome": "escalate", "language": language},
        )
        return []


class ActionAskSlot(Action):
    """Asks for one form field in the visitor's language (``ask.<slot>`` in the strings table),
    with quick replies where the table has ``choices.<slot>``."""

    def __init__(self, slot: str) -> None:
        self.slot = slot

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        choices = STRINGS.get(f"choices.{self.slot}")
        titles = t(f"choices.{self.slot}", language).split("|") if choices else []
        dispatcher.utter_message(
            text=t(f"ask.{self.slot}", language),
            buttons=[{"title": title, "payload": title} for title in titles],
            json_message={"outcome": "form", "language": language},
        )
        return []


class ActionAskEscalationConfirmed(Action):
    """A summary of what will be sent, with Send and one Correct button per field."""

    def name(self) -> str:
        return "action_ask_escalation_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        lines = [
            f"{t(f'field.{slot}', language)}{colon(language)}{tracker.get_slot(slot) or '—'}"
            for slot in intake.shown_slots(tracker.get_slot("audience"))
        ]
        edits = [
            t("confirm_edit", language).format(field=t(f"field.{s}", language))
            for s in intake.EDITABLE
        ]
        buttons = [{"title": t("confirm_send", language), "payload": "/affirm"}] + [
            {"title": title, "payload": title} for title in edits
        ]
        dispatcher.utter_message(
            text="\n".join([t("confirm_intro", language), *lines]),
            buttons=buttons,
            json_message={"outcome": "form", "language": language},
        )
        return []
