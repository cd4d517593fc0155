"""What a case's emails say: the brief for the Bureau and the visitor's acknowledgement.

The Bureau's email has a plain-text part and an HTML alternative (``email_html``), and a
Reply-To with the visitor's validated address, so staff answer with their mail client's Reply.
Visitor input goes in the body, never in a header other than that checked address (subjects are
built from the reference and fixed labels). Sending is ``assistant/mail/``'s job (outbox,
worker), which knows nothing of cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.cases.brief import AUDIENCE_LABELS, TranscriptLine, bilingual, brief_lines
from assistant.cases.email_html import case_html
from assistant.db.models import Case
from assistant.mail.message import is_plain_address


@dataclass(frozen=True)
class CaseEmail:
    subject: str
    text: str
    html: str
    reply_to: str | None  # the visitor's address, when it can go in a header


def case_email(case: Case, transcript: list[TranscriptLine]) -> CaseEmail:
    """The case brief for the Bureau's mailbox."""
    audience_fr, audience_en = AUDIENCE_LABELS.get(case.audience, AUDIENCE_LABELS["other"])
    subject = f"[{case.reference}] Nouvelle demande / New inquiry — {audience_fr} / {audience_en}"
    reply_to = case.email if is_plain_address(case.email) else None
    hint = bilingual("case_email.reply_hint" if reply_to else "case_email.no_reply_hint")
    brief = brief_lines(case)
    width = max(len(k) for k, _ in brief)
    parts = [
        bilingual("case_email.intro"),
        hint,
        "",
        *(f"{key.ljust(width)} : {value}" for key, value in brief),
        "",
        bilingual("transcript.heading"),
        "------------",
        *(
            f"[{line.created_at:%Y-%m-%d %H:%M} UTC] {sender_label(line.sender)}: {shown(line)}"
            for line in transcript
        ),
    ]
    text = "\n".join(parts) + "\n"
    html = case_html(subject=subject, hint=hint, brief=brief, transcript=transcript)
    return CaseEmail(subject=subject, text=text, html=html, reply_to=reply_to)


def sender_label(sender: str) -> str:
    """The sender as the email names it ("Visiteur / Visitor"); an unknown one as it is."""
    return bilingual(f"sender.{sender}") if sender in _SENDERS else sender


_SENDERS = frozenset({"visitor", "bot", "staff", "system"})


def shown(line: TranscriptLine) -> str:
    """A message's text; a button the visitor clicked in brackets: "[J'accepte]"."""
    return f"[{line.text}]" if line.button else line.text


def acknowledgement_email(case: Case) -> tuple[str, str]:
    """The visitor's copy, in their language: (subject, body)."""
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
