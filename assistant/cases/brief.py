"""The structured, bilingual brief staff read for a case (console and email)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.core.i18n import STRINGS, t
from assistant.db.models import Case

AUDIENCE_LABELS = {
    "investor": ("Investisseur", "Investor"),
    "talent": ("Talent (travail, études, immigration)", "Talent (work, study, immigration)"),
    "event_organizer": ("Organisateur d'événement", "Event organiser"),
    "partner_city": ("Ville partenaire", "Partner city"),
    "media": ("Médias", "Media"),
    "other": ("Autre", "Other"),
}
REASON_LABELS = {
    "visitor_request": ("Le visiteur a demandé une personne", "The visitor asked for a person"),
    "staff_topic": ("Sujet traité par le personnel", "Topic handled by staff"),
    "no_answer": ("Pas de réponse fiable dans la base", "No reliable answer in the KB"),
}


@dataclass(frozen=True)
class TranscriptLine:
    """A message as staff read it; ``button``: the visitor clicked a button with this title."""

    sender: str
    text: str
    created_at: datetime
    button: bool = False


def label(table: dict[str, tuple[str, str]], key: str) -> str:
    fr, en = table.get(key, (key, key))
    return fr if fr == en else f"{fr} / {en}"


def bilingual(key: str) -> str:
    """A string of ``assistant/core/i18n`` in both languages ("Nom / Name"), once when equal."""
    fr, en = t(key, "fr"), t(key, "en")
    return fr if fr == en else f"{fr} / {en}"


def field_label(slot: str) -> str:
    """The form's own label for a field (``field.<slot>``, the one table the form and the brief
    share), in both languages; an unexpected key as it is."""
    return bilingual(f"field.{slot}") if f"field.{slot}" in STRINGS else slot


def brief_lines(case: Case) -> list[tuple[str, str]]:
    """(label, value) pairs, labels in both languages; values as the visitor gave them."""
    lines = [
        (bilingual("brief.reference"), case.reference),
        (bilingual("brief.audience"), label(AUDIENCE_LABELS, case.audience)),
        (bilingual("brief.reason"), label(REASON_LABELS, case.reason)),
        (bilingual("brief.language"), "Français" if case.language == "fr" else "English"),
        (field_label("contact_name"), case.name or "—"),
        (field_label("contact_email"), case.email or "—"),
        (field_label("organisation"), case.organisation or "—"),
        (field_label("country"), case.country or "—"),
    ]
    lines += [
        (field_label(str(key)), str(value) if value else "—")
        for key, value in (case.fields or {}).items()
    ]
    lines.append((field_label("summary"), case.summary or "—"))
    return lines
