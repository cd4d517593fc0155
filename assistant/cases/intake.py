"""The escalation form's rules: which fields it asks whom, and how a visitor's answer is read.

Pure (no Rasa, no I/O): the form's actions in ``actions/escalation/`` read the tracker, ask these
functions, and say what they need. A ``read_*`` function returns the value to keep, or ``None``
when the answer cannot be used (the form then asks again). Words are matched accent- and
case-insensitively, in French and English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.cases.service import NewCase
from assistant.core.i18n import t
from assistant.core.text import fold as fold_accents

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
# asked by their plain question (``ask.<slot>``); consent and the confirmation have their own
ASKED_SLOTS = [slot for slot in FORM_SLOTS if slot not in ("consent", "escalation_confirmed")]
# short free-text fields: one line, at most SHORT_TEXT_MAX_LENGTH characters
SHORT_TEXT_SLOTS = sorted(OPTIONAL) + sorted(
    {s for slots in AUDIENCE_SLOTS.values() for s in slots}
)
SKIPPED = "—"  # an optional field the visitor skipped

NAME_LENGTH = (2, 100)
NAME_FORBIDDEN = "?@/<>"
EMAIL_MAX_LENGTH = 254
SUMMARY_LENGTH = (10, 2000)
SHORT_TEXT_MAX_LENGTH = 300

YES = {
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
NO = {"non", "no", "je refuse", "i decline", "refuse", "decline", "nope"}
SEND = {"envoyer", "send"}
SKIP = {"passer", "skip", "aucune", "aucun", "none", "n/a", "-", "non", "no"}
AUDIENCES = {  # first audience with a word inside the answer wins
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
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
STAFF_TOPIC_INTENTS = ("official_request", "media_request")
VISITOR_REQUEST_INTENTS = ("contact_bureau",)


def fold(text: str) -> str:
    """Case and accents folded, outer spaces and final punctuation stripped: "Oui !" -> "oui"."""
    return fold_accents(text.strip()).strip(" .!")


def clean(value: Any) -> str:
    """One line of visitor text: control characters (CR/LF included) become spaces."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(value or ""))
    return " ".join(text.split())


def required_slots(consent: bool | None, audience: str | None) -> list[str]:
    """The form's questions, in order; none once the visitor refused consent."""
    if consent is False:
        return []  # no consent: the form ends and nothing is collected
    return BASE_SLOTS + AUDIENCE_SLOTS.get(audience or "other", []) + FINAL_SLOTS


def shown_slots(audience: str | None) -> list[str]:
    """The answers the confirmation step lists, in order."""
    base = ["contact_name", "contact_email", "organisation", "country"]
    return [*base, *AUDIENCE_SLOTS.get(audience or "other", []), "summary"]


def need(slot: str) -> str:
    """Which ``need.<key>`` string explains what a refused answer to ``slot`` should be."""
    return "text" if slot in SHORT_TEXT_SLOTS else slot


def read_consent(value: Any, intent: str | None) -> bool | None:
    folded = fold(str(value))
    if intent == "affirm" or folded in YES:
        return True
    if intent == "deny" or folded in NO:
        return False
    return None


def read_audience(value: Any) -> str | None:
    folded = fold(str(value))
    for audience, words in AUDIENCES.items():
        if any(word in folded for word in words):
            return audience
    return None


def read_name(value: Any) -> str | None:
    name = clean(value)
    shortest, longest = NAME_LENGTH
    usable = shortest <= len(name) <= longest and not name.isdigit()
    return name if usable and not any(c in name for c in NAME_FORBIDDEN) else None


def read_email(value: Any) -> str | None:
    email = str(value or "").strip()
    return email if len(email) <= EMAIL_MAX_LENGTH and EMAIL.match(email) else None


def read_summary(value: Any) -> str | None:
    summary = str(value or "").strip()
    shortest, longest = SUMMARY_LENGTH
    return summary if shortest <= len(summary) <= longest else None


def read_short_text(slot: str, value: Any) -> str | None:
    """A short field (organisation, sector, dates…); an optional one can be skipped."""
    text = clean(value)
    if slot in OPTIONAL and fold(text) in SKIP:
        return SKIPPED
    if not text or len(text) > SHORT_TEXT_MAX_LENGTH:
        return None
    return text


def edit_choices() -> dict[str, str]:
    """Folded "Corriger : Courriel" / "Correct: Email" button texts -> the slot they reopen."""
    return {
        fold(t("confirm_edit", language).format(field=t(f"field.{slot}", language))): slot
        for language in ("fr", "en")
        for slot in EDITABLE
    }


def correction(value: Any) -> str | None:
    """The field a "Correct: …" button at the confirmation step reopens, if it is one."""
    return edit_choices().get(fold(str(value or "").strip()))


def confirms(value: Any, intent: str | None) -> bool:
    """Is this answer to the confirmation step a "send"?"""
    return intent == "affirm" or fold(str(value or "").strip()) in YES | SEND


def case_reason(user_intents: Iterable[str | None]) -> str:
    """Why the case exists, from the visitor's intents, newest first: the latest request for a
    person or for a topic staff handle decides."""
    for intent in user_intents:
        if intent in STAFF_TOPIC_INTENTS:
            return "staff_topic"
        if intent in VISITOR_REQUEST_INTENTS:
            return "visitor_request"
    return "visitor_request"


def stored(value: Any) -> str | None:
    """An optional answer as the case keeps it: nothing when skipped or never given."""
    return None if value in (None, SKIPPED) else clean(value)


def new_case(
    conversation_id: str | None, language: str, reason: str, slots: Mapping[str, Any]
) -> NewCase:
    """The case the form's answers (``slots``) describe."""
    audience = slots.get("audience") or "other"
    return NewCase(
        conversation_id=conversation_id,
        language=language,
        audience=audience,
        reason=reason,
        name=clean(slots.get("contact_name")),
        email=str(slots.get("contact_email")),
        organisation=stored(slots.get("organisation")),
        country=stored(slots.get("country")),
        summary=str(slots.get("summary") or ""),
        fields={slot: stored(slots.get(slot)) or "" for slot in AUDIENCE_SLOTS.get(audience, [])},
    )
