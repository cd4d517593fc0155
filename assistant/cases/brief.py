"""The structured, bilingual brief staff read for a case (console and email)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.core.i18n import STRINGS
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
    sender: str
    text: str
    created_at: datetime


def label(table: dict[str, tuple[str, str]], key: str) -> str:
    fr, en = table.get(key, (key, key))
    return fr if fr == en else f"{fr} / {en}"


def field_label(slot: str) -> str:
    """The form's own label for a field (``field.<slot>``, the one table the form and the brief
    share), in both languages; an unexpected key as it is."""
    labels = STRINGS.get(f"field.{slot}")
    if labels is None:
        return slot
    return labels["fr"] if labels["fr"] == labels["en"] else f"{labels['fr']} / {labels['en']}"


def brief_lines(case: Case) -> list[tuple[str, str]]:
    """(label, value) pairs, labels in both languages; values as the visitor gave them."""
    lines = [
        ("Référence / Reference", case.reference),
        ("Public / Audience", label(AUDIENCE_LABELS, case.audience)),
        ("Motif / Reason", label(REASON_LABELS, case.reason)),
        ("Langue / Language", "Français" if case.language == "fr" else "English"),
        ("Nom / Name", case.name or "—"),
        ("Courriel / Email", case.email or "—"),
        ("Organisation", case.organisation or "—"),
        ("Pays / Country", case.country or "—"),
    ]
    lines += [
        (field_label(str(key)), str(value) if value else "—")
        for key, value in (case.fields or {}).items()
    ]
    lines.append(("Résumé / Summary", case.summary or "—"))
    return lines
