"""What a case's emails say: the brief for the Bureau and the visitor's acknowledgement.

Plain text only; visitor input goes in the body, never in a header (subjects are built from the
reference and fixed labels). Sending is ``assistant/mail/``'s job (outbox, worker), which knows
nothing of cases.
"""

from __future__ import annotations

from assistant.cases.brief import AUDIENCE_LABELS, TranscriptLine, brief_lines
from assistant.db.models import Case

_SENDERS = {
    "visitor": "Visiteur / Visitor",
    "bot": "Assistant",
    "staff": "Bureau",
    "system": "Système / System",
}


def case_email(case: Case, transcript: list[TranscriptLine]) -> tuple[str, str]:
    """The case brief for the Bureau's mailbox: (subject, body)."""
    audience_fr, audience_en = AUDIENCE_LABELS.get(case.audience, AUDIENCE_LABELS["other"])
    subject = f"[{case.reference}] Nouvelle demande / New inquiry — {audience_fr} / {audience_en}"
    brief = brief_lines(case)
    width = max(len(k) for k, _ in brief)
    parts = [
        "Demande transmise par l'assistant international / Inquiry from the international assistant",
        "",
        *(f"{key.ljust(width)} : {value}" for key, value in brief),
        "",
        "Conversation",
        "------------",
        *(
            f"[{line.created_at:%Y-%m-%d %H:%M} UTC] {_SENDERS.get(line.sender, line.sender)}: {line.text}"
            for line in transcript
        ),
    ]
    return subject, "\n".join(parts) + "\n"


def acknowledgement_email(case: Case) -> tuple[str, str]:
    """The visitor's copy, in their language."""
    if case.language == "en":
        subject = f"[{case.reference}] Your inquiry to the Bureau des relations internationales"
        body = (
            f"Hello,\n\nWe have received your inquiry (reference {case.reference}). A member of the "
            "Bureau des relations internationales of the Ville de Québec will answer you by email.\n\n"
            "Bureau des relations internationales — 43, rue de Buade, bureau 500, Québec (Québec) "
            "G1R 4A2 — 418 641-6411 — international@ville.quebec.qc.ca\n"
        )
    else:
        subject = f"[{case.reference}] Votre demande au Bureau des relations internationales"
        body = (
            f"Bonjour,\n\nNous avons bien reçu votre demande (référence {case.reference}). Une personne "
            "du Bureau des relations internationales de la Ville de Québec vous répondra par courriel.\n\n"
            "Bureau des relations internationales — 43, rue de Buade, bureau 500, Québec (Québec) "
            "G1R 4A2 — 418 641-6411 — international@ville.quebec.qc.ca\n"
        )
    return subject, body
