"""The structured, bilingual brief staff read for a case (console and email)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.db.models import Case

AUDIENCE_LABELS = {
    "investor": ("Investisseur", "Investor"),
    "talent": ("Talent (travail, études, immigration)", "Talent (work, study, immigration)"),
    "event_organizer": ("Organisateur d'événement", "Event organiser"),
    "partner_city": ("Ville partenaire", "Partner city"),
    "media": ("Médias", "Media"),
    "other": ("Autre", "Other"),
}
FIELD_LABELS = {
    "sector": ("Secteur", "Sector"),
    "project_stage": ("Étape du projet", "Project stage"),
    "event_dates": ("Dates de l'événement", "Event dates"),
    "attendance": ("Participants attendus", "Expected attendance"),
    "field": ("Domaine", "Field"),
    "status": ("Statut", "Status"),
    "cooperation_kind": ("Type de coopération", "Kind of cooperation"),
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
        (label(FIELD_LABELS, str(key)), str(value) if value else "—")
        for key, value in (case.fields or {}).items()
    ]
    lines.append(("Résumé / Summary", case.summary or "—"))
    return lines
