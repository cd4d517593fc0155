"""How the form ends: the case is created (with consent) or nothing is kept; either way the
form's answers are forgotten."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker import language_of, user_intents
from assistant.cases import intake
from assistant.cases.service import CaseService
from assistant.chat.limits import EscalationsLimited
from assistant.core.i18n import t


def _forget_answers() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in intake.FORM_SLOTS] + [
        SlotSet("form_errors", 0),
        SlotSet("kb_misses", 0),
    ]


class ActionSubmitEscalation(Action):
    def __init__(self, cases: CaseService | None) -> None:
        self._cases = cases

    def name(self) -> str:
        return "action_submit_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        if tracker.get_slot("consent") is not True or self._cases is None:
            dispatcher.utter_message(
                text=t("no_consent", language),
                json_message={"outcome": "escalate", "language": language},
            )
            return _forget_answers()
        reason = intake.case_reason(user_intents(tracker))
        try:
            case = await self._cases.create(
                intake.new_case(tracker.sender_id, language, reason, tracker.slots)
            )
        except EscalationsLimited:  # no case; the visitor is told why and where to write
            dispatcher.utter_message(
                text=t("too_many_escalations", language),
                json_message={"outcome": "escalate", "language": language},
            )
            return _forget_answers()
        dispatcher.utter_message(
            text=t("case_created", language).format(reference=case.reference),
            json_message={"outcome": "escalate", "language": language},
        )
        return _forget_answers()


class ActionCancelEscalation(Action):
    def name(self) -> str:
        return "action_cancel_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        dispatcher.utter_message(
            text=t("escalation_cancelled", language),
            json_message={"outcome": "form", "language": language},
        )
        return [ActiveLoop(None), *_forget_answers(), SlotSet("requested_slot", None)]
