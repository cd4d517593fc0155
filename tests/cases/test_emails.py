"""The case's emails as composed: every field of every audience labelled in French and English
in the brief, the plain text and the HTML part; visitor text escaped in the HTML; the Reply-To;
subjects that start with the reference once on the wire (no leading space)."""

from __future__ import annotations

import re
from datetime import datetime
from email import message_from_bytes
from email import policy as email_policy

import pytest
from markupsafe import escape

from assistant.cases.brief import TranscriptLine, brief_lines
from assistant.cases.emails import acknowledgement_email, case_email
from assistant.cases.intake import AUDIENCE_SLOTS, new_case, shown_slots
from assistant.core.config import Settings
from assistant.core.i18n import STRINGS
from assistant.db.models import Case, OutboxEmail, OutboxEmailExtra
from assistant.mail.message import build_message

AT = datetime(2026, 12, 2, 15, 4)
SCRIPT = "<script>alert('x')</script>"


def _case(audience: str, **values) -> Case:
    slots = {
        "audience": audience,
        "contact_name": "Ana García",
        "contact_email": "ana.garcia@example.es",
        "organisation": "Biomédica",
        "country": "Espagne",
        "summary": "Nous voulons ouvrir un bureau à Québec.",
        **{slot: f"valeur {slot}" for slot in AUDIENCE_SLOTS[audience]},
    }
    new = new_case("conv-1", "fr", "visitor_request", slots)
    case = Case(
        reference="BRI-2026-7K3M9Q",
        audience=new.audience,
        reason=new.reason,
        language="fr",
        name=new.name,
        email=new.email,
        organisation=new.organisation,
        country=new.country,
        summary=new.summary,
        fields=new.fields,
    )
    for key, value in values.items():
        setattr(case, key, value)
    return case


def _both(slot: str) -> str:
    fr, en = STRINGS[f"field.{slot}"]["fr"], STRINGS[f"field.{slot}"]["en"]
    return fr if fr == en else f"{fr} / {en}"


@pytest.mark.parametrize("audience", sorted(AUDIENCE_SLOTS))
def test_every_field_of_every_audience_has_its_french_and_english_label(audience):
    case = _case(audience)
    lines = dict(brief_lines(case))
    email = case_email(case, [])
    for slot in shown_slots(audience):
        labels = STRINGS.get(f"field.{slot}")
        assert labels is not None, slot
        assert labels["fr"].strip() and labels["en"].strip()
        assert slot not in lines  # never a raw slot name
        assert _both(slot) in lines, slot
        assert re.search(rf"^{re.escape(_both(slot))} +: ", email.text, re.MULTILINE), slot
        assert f">{escape(_both(slot))}</th>" in email.html
    for slot in AUDIENCE_SLOTS[audience]:
        assert lines[_both(slot)] == f"valeur {slot}"
    for label in ("Référence / Reference", "Public / Audience", "Motif / Reason"):
        assert label in lines and f">{label}</th>" in email.html


def test_visitor_text_is_escaped_in_the_html_part_and_kept_in_the_plain_text():
    case = _case("investor", name=SCRIPT, organisation='"><img src=x onerror=alert(1)>')
    transcript = [
        TranscriptLine("visitor", f"Bonjour {SCRIPT}", AT),
        TranscriptLine("bot", "Acceptez-vous?", AT),
        TranscriptLine("visitor", "J'accepte", AT, button=True),
    ]
    email = case_email(case, transcript)
    assert "<script" not in email.html and "<img" not in email.html
    assert escape(SCRIPT) in email.html
    assert escape('"><img src=x onerror=alert(1)>') in email.html
    assert SCRIPT in email.text  # plain text: as typed
    assert "[J&#39;accepte]" in email.html and "] Visiteur / Visitor: [J'accepte]" in email.text


def test_the_case_email_replies_to_the_visitor_only_with_an_address_fit_for_a_header():
    assert case_email(_case("talent"), []).reply_to == "ana.garcia@example.es"
    # the form's pattern lets "a..b@" through; a header must not carry it
    odd = case_email(_case("talent", email="ana..garcia@example.es"), [])
    assert odd.reply_to is None and "n'a pas laissé d'adresse courriel utilisable" in odd.text
    assert case_email(_case("talent", email=None), []).reply_to is None


def _wire_subject(subject: str, settings: Settings) -> tuple[bytes, str]:
    row = OutboxEmail(
        message_id="<0123abcd@assistant.ville.quebec.qc.ca>",
        to_address="international@ville.quebec.qc.ca",
        subject=subject,
        body="x\n",
        created_at=AT,
    )
    raw = build_message(row, settings).as_bytes()
    head = raw.partition(b"\r\n\r\n")[0]
    return head, str(message_from_bytes(raw, policy=email_policy.default)["Subject"])


@pytest.mark.parametrize("audience", sorted(AUDIENCE_SLOTS))
def test_no_subject_starts_with_a_space(audience, settings: Settings):
    subjects = [case_email(_case(audience), []).subject]
    for language in ("fr", "en"):
        subjects.append(acknowledgement_email(_case(audience, language=language))[0])
    for subject in subjects:
        assert subject.startswith("[BRI-2026-7K3M9Q] ")
        head, read_back = _wire_subject(subject, settings)
        assert read_back == subject  # not " [BRI-…": no fold right after "Subject:"
        assert b"\r\nSubject: [BRI-2026-7K3M9Q] " in head or b"\r\nSubject: =?utf-8?" in head
        assert all(len(line) <= 78 for line in head.split(b"\r\n"))


def test_subjects_of_any_length_read_back_unchanged(settings: Settings):
    """Python folds a 70-77 character value onto its own line after "Subject:"; ours never."""
    words = ["[BRI-2026-7K3M9Q]", "Votre", "demande", "—", "études", "Québec", "Bureau", "a"]
    for n in range(1, 60):
        for shift in range(len(words)):
            subject = " ".join(words[(i + shift) % len(words)] for i in range(n))
            head, read_back = _wire_subject(subject, settings)
            assert read_back == subject
            assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    for odd in [" [BRI-2026-7K3M9Q] a", "[BRI-2026-7K3M9Q]  a" * 5, "[BRI-2026-7K3M9Q] a "]:
        assert _wire_subject(odd, settings)[1] == odd


def test_the_acknowledgement_replies_to_the_bureau(settings: Settings):
    row = OutboxEmail(
        message_id="<0123abcd@assistant.ville.quebec.qc.ca>",
        to_address="ana.garcia@example.es",
        subject=acknowledgement_email(_case("other"))[0],
        body="x\n",
        created_at=AT,
        extra=OutboxEmailExtra(reply_to=settings.bureau_email),
    )
    parsed = message_from_bytes(
        build_message(row, settings).as_bytes(), policy=email_policy.default
    )
    assert parsed["Reply-To"] == settings.bureau_email
    assert parsed.get_content_type() == "text/plain"  # no HTML part: plain text only
