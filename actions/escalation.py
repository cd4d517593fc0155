"""The escalation form: notice and consent first, then contact details and a few fields for the
visitor's audience, a confirmation the visitor can correct, and the case.

Nothing personal is stored unless the visitor consents; cancelling at any point keeps nothing
(the form's slots are cleared). After two unusable answers to the same question the form says
what it needs and offers to stop.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant.cases.service import CaseService, NewCase
from assistant.core.i18n import STRINGS, colon, t

BASE_SLOTS = ["consent", "audience", "contact_name", "contact_email", "organisation", "country"]
AUDIENCE_SLOTS = {
    "investor": ["sector", "project_stage"],
    "event_organizer": ["event_dates", "attendance"],
    "talent": ["field_of_work", "immigration_status"],
    "partner_city": ["cooperation_kind"],
    "media": [],
    "other": [],
}
FINAL_SLOTS = ["summary", "escalation_confirmed"]
FORM_SLOTS = (
    BASE_SLOTS + sorted({s for slots in AUDIENCE_SLOTS.values() for s in slots}) + FINAL_SLOTS
)
OPTIONAL = {"organisation", "country"}
EDITABLE = ["contact_name", "contact_email", "organisation", "country", "summary"]

_YES = {
    "oui",
    "yes",
    "j'accepte",
    "i agree",
    "ok",
    "d'accord",
    "sure",
    "yep",
    "ouais",
    "accepte",
    "agree",
}
_NO = {"non", "no", "je refuse", "i decline", "refuse", "decline", "nope"}
_SKIP = {"passer", "skip", "aucune", "aucun", "none", "n/a", "-", "non", "no"}
_AUDIENCES = {
    "investor": ("investisseur", "investor", "entreprise", "company", "investissement", "invest"),
    "talent": ("talent", "travail", "etude", "immigration", "work", "study", "student", "etudiant"),
    "event_organizer": (
        "organisateur",
        "organiser",
        "organizer",
        "evenement",
        "event",
        "congres",
        "congress",
    ),
    "partner_city": ("ville", "city", "partenaire", "partner", "municipal", "organisme"),
    "media": ("media", "journalist", "presse", "press", "reporter"),
    "other": ("autre", "other"),
}
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def _edit_choices() -> dict[str, str]:
    """Folded "Corriger : Courriel" / "Correct: Email" button texts -> the slot they reopen."""
    return {
        _fold(t("confirm_edit", language).format(field=t(f"field.{slot}", language))): slot
        for language in ("fr", "en")
        for slot in EDITABLE
    }


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" .!")


def _intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "fr"


def _clean(value: Any) -> str:
    """One line of visitor text: control characters (CR/LF included) become spaces."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(value or ""))
    return " ".join(text.split())


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
        if tracker.get_slot("consent") is False:
            return []  # no consent: the form ends and nothing is collected
        audience = tracker.get_slot("audience") or "other"
        return BASE_SLOTS + AUDIENCE_SLOTS.get(audience, []) + FINAL_SLOTS

    def _invalid(
        self, slot: str, need: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        errors = (tracker.get_slot("form_errors") or 0) + 1
        language = _language(tracker)
        if errors >= 2:
            dispatcher.utter_message(
                text=t("form_help", language).format(need=t(f"need.{need}", language)),
                buttons=[{"title": t("form_stop", language), "payload": "/cancel"}],
                json_message={"outcome": "form", "language": language},
            )
            errors = 0
        return {slot: None, "form_errors": errors}

    def _valid(self, slot: str, value: Any) -> dict[str, Any]:
        return {slot: value, "form_errors": 0}

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        folded, intent = _fold(str(value)), _intent(tracker)
        if intent == "affirm" or folded in _YES:
            return self._valid("consent", True)
        if intent == "deny" or folded in _NO:
            return self._valid("consent", False)
        return self._invalid("consent", "consent", dispatcher, tracker)

    def validate_audience(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        folded = _fold(str(value))
        for audience, words in _AUDIENCES.items():
            if any(word in folded for word in words):
                return self._valid("audience", audience)
        return self._invalid("audience", "audience", dispatcher, tracker)

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = _clean(value)
        if 2 <= len(name) <= 100 and not any(c in name for c in "?@/<>") and not name.isdigit():
            return self._valid("contact_name", name)
        return self._invalid("contact_name", "contact_name", dispatcher, tracker)

    def validate_contact_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        email = str(value or "").strip()
        if len(email) <= 254 and _EMAIL.match(email):
            return self._valid("contact_email", email)
        return self._invalid("contact_email", "contact_email", dispatcher, tracker)

    def validate_summary(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        summary = str(value or "").strip()
        if 10 <= len(summary) <= 2000:
            return self._valid("summary", summary)
        return self._invalid("summary", "summary", dispatcher, tracker)

    def validate_escalation_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        edit = _edit_choices().get(_fold(text))
        if edit:
            return {edit: None, "escalation_confirmed": None, "form_errors": 0}
        if _intent(tracker) == "affirm" or _fold(text) in _YES | {"envoyer", "send"}:
            return self._valid("escalation_confirmed", True)
        return self._invalid("escalation_confirmed", "escalation_confirmed", dispatcher, tracker)

    def _short_text(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        text = _clean(value)
        if slot in OPTIONAL and _fold(text) in _SKIP:
            return self._valid(slot, "—")
        if not text or len(text) > 300:
            return self._invalid(slot, "text", dispatcher, tracker)
        return self._valid(slot, text)

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


class ActionAskConsent(Action):
    """The notice (who receives what, why, for how long) and the consent question."""

    def __init__(self, retention_days: int) -> None:
        self._years = max(1, round(retention_days / 365))

    def name(self) -> str:
        return "action_ask_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = _language(tracker)
        dispatcher.utter_message(
            text=t("consent_notice", language).format(years=self._years),
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
        language = _language(tracker)
        choices = STRINGS.get(f"choices.{self.slot}")
        titles = t(f"choices.{self.slot}", language).split("|") if choices else []
        dispatcher.utter_message(
            text=t(f"ask.{self.slot}", language),
            buttons=[{"title": title, "payload": title} for title in titles],
            json_message={"outcome": "form", "language": language},
        )
        return []


ASKED_SLOTS = [slot for slot in FORM_SLOTS if slot not in ("consent", "escalation_confirmed")]


class ActionAskEscalationConfirmed(Action):
    """A summary of what will be sent, with Send and one Correct button per field."""

    def name(self) -> str:
        return "action_ask_escalation_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = _language(tracker)
        audience = tracker.get_slot("audience") or "other"
        shown = [
            "contact_name",
            "contact_email",
            "organisation",
            "country",
            *AUDIENCE_SLOTS.get(audience, []),
            "summary",
        ]
        lines = [
            f"{t(f'field.{slot}', language)}{colon(language)}{tracker.get_slot(slot) or '—'}"
            for slot in shown
        ]
        edits = [
            t("confirm_edit", language).format(field=t(f"field.{s}", language)) for s in EDITABLE
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


def _reset() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS] + [
        SlotSet("form_errors", 0),
        SlotSet("kb_misses", 0),
    ]


def _reason(tracker: Tracker) -> str:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent in ("official_request", "media_request"):
                return "staff_topic"
            if intent == "contact_bureau":
                return "visitor_request"
    return "visitor_request"


class ActionSubmitEscalation(Action):
    def __init__(self, cases: CaseService | None) -> None:
        self._cases = cases

    def name(self) -> str:
        return "action_submit_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = _language(tracker)
        if tracker.get_slot("consent") is not True or self._cases is None:
            dispatcher.utter_message(
                text=t("no_consent", language),
                json_message={"outcome": "escalate", "language": language},
            )
            return _reset()
        audience = tracker.get_slot("audience") or "other"

        def optional(slot: str) -> str | None:
            value = tracker.get_slot(slot)
            return None if value in (None, "—") else _clean(value)

        case = await self._cases.create(
            NewCase(
                conversation_id=tracker.sender_id,
                language=language,
                audience=audience,
                reason=_reason(tracker),
                name=_clean(tracker.get_slot("contact_name")),
                email=str(tracker.get_slot("contact_email")),
                organisation=optional("organisation"),
                country=optional("country"),
                summary=str(tracker.get_slot("summary") or ""),
                fields={slot: optional(slot) or "" for slot in AUDIENCE_SLOTS.get(audience, [])},
            )
        )
        dispatcher.utter_message(
            text=t("case_created", language).format(reference=case.reference),
            json_message={"outcome": "escalate", "language": language},
        )
        return _reset()


class ActionCancelEscalation(Action):
    def name(self) -> str:
        return "action_cancel_escalation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = _language(tracker)
        dispatcher.utter_message(
            text=t("escalation_cancelled", language),
            json_message={"outcome": "form", "language": language},
        )
        return [ActiveLoop(None), *_reset(), SlotSet("requested_slot", None)]
