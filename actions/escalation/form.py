"""The form's validation action: each answer read by ``assistant.cases.intake``, an unusable
one asked again (with what is needed and a way out after the second)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tracker import language_of, latest_intent
from assistant.cases import intake
from assistant.core.i18n import t


class ValidateEscalationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_escalation_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return intake.required_slots(tracker.get_slot("consent"), tracker.get_slot("audience"))

    def _read(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Keep a usable answer (and forget past errors); else count one more error."""
        if value is not None:
            return {slot: value, "form_errors": 0}
        errors = (tracker.get_slot("form_errors") or 0) + 1
        language = language_of(tracker)
        if errors >= 2:
            dispatcher.utter_message(
                text=t("form_help", language).format(need=t(f"need.{intake.need(slot)}", language)),
                buttons=[{"title": t("form_stop", language), "payload": "/cancel"}],
                json_message={"outcome": "form", "language": language},
            )
            errors = 0
        return {slot: None, "form_errors": errors}

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        consent = intake.read_consent(value, latest_intent(tracker))
        return self._read("consent", consent, dispatcher, tracker)

    def validate_audience(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._read("audience", intake.read_audience(value), dispatcher, tracker)

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._read("contact_name", intake.read_name(value), dispatcher, tracker)

    def validate_contact_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._read("contact_email", intake.read_email(value), dispatcher, tracker)

    def validate_summary(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._read("summary", intake.read_summary(value), dispatcher, tracker)

    def validate_escalation_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        edit = intake.correction(value)
        if edit:  # "Correct: Email": that field is asked again, then the confirmation
            return {edit: None, "escalation_confirmed": None, "form_errors": 0}
        confirmed = True if intake.confirms(value, latest_intent(tracker)) else None
        return self._read("escalation_confirmed", confirmed, dispatcher, tracker)

    def _short_text(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        return self._read(slot, intake.read_short_text(slot, value), dispatcher, tracker)

    def validate_organisation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("organisation", value, dispatcher, tracker)

    def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("country", value, dispatcher, tracker)

    def validate_sector(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("sector", value, dispatcher, tracker)

    def validate_project_stage(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("project_stage", value, dispatcher, tracker)

    def validate_event_dates(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("event_dates", value, dispatcher, tracker)

    def validate_attendance(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("attendance", value, dispatcher, tracker)

    def validate_field_of_work(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("field_of_work", value, dispatcher, tracker)

    def validate_immigration_status(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("immigration_status", value, dispatcher, tracker)

    def validate_cooperation_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._short_text("cooperation_kind", value, dispatcher, tracker)
