"""How the form ends: the case is created (with consent, recorded on it) or nothing is kept;
either way the form's answers are forgotten. A refusal is recorded without anything personal,
and after a refusal or a cancellation what the visitor typed in the form's turns is replaced in
the stored transcript (``assistant/privacy/``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker import language_of, latest_message_id, user_intents
from assistant.cases import intake
from assistant.cases.service import CaseService
from assistant.chat.limits import EscalationsLimited
from assistant.core.i18n import t
from assistant.privacy.consent import FormPrivacy, consent_from_events
from assistant.privacy.form_turns import form_turns


def _forget_answers() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in intake.FORM_SLOTS] + [
        SlotSet("form_errors", 0),
        SlotSet("kb_misses", 0),
    ]


async def _forget_typed(privacy: FormPrivacy | None, tracker: Tracker, language: str) -> None:
    """The form's turns leave only a placeholder in the stored transcript."""
    if privacy is not None:
        await privacy.forget_turns(tracker.sender_id, form_turns(tracker.events), language)


class ActionSubmitEscalation(Action):
    def __init__(
        self,
        cases: CaseService | None,
        privacy: FormPrivacy | None = None,
        retention_days: int = 730,
        public_url: str = "",
    ) -> None:
        self._cases = cases
        self._privacy = privacy
        self._retention_days = privacy.retention_days if privacy else retention_days
        self._public_url = privacy.public_url if privacy else public_url

    def name(self) -> str:
        return "action_submit_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        consent = consent_from_events(
            tracker.events, language, self._retention_days, self._public_url
        )
        if tracker.get_slot("consent") is not True or self._cases is None:
            if self._privacy is not None and tracker.get_slot("consent") is False:
                await self._privacy.refused(consent)
            await _forget_typed(self._privacy, tracker, language)
            dispatcher.utter_message(
                text=t("no_consent", language),
                json_message={"outcome": "escalate", "language": language},
            )
            return _forget_answers()
        reason = intake.case_reason(user_intents(tracker))
        try:
            new = intake.new_case(tracker.sender_id, language, reason, tracker.slots)
            turn = latest_message_id(tracker)
            case = await self._cases.create(replace(new, consent=consent, client_message_id=turn))
        except EscalationsLimited:  # no case; the visitor is told why and where to write
            await _forget_typed(self._privacy, tracker, language)
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
    def __init__(self, privacy: FormPrivacy | None = None) -> None:
        self._privacy = privacy

    def name(self) -> str:
        return "action_cancel_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        await _forget_typed(self._privacy, tracker, language)
        dispatcher.utter_message(
            text=t("escalation_cancelled", language),
            json_message={"outcome": "form", "language": language},
        )
        return [ActiveLoop(None), *_forget_answers(), SlotSet("requested_slot", None)]
