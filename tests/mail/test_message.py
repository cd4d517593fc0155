from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email import policy as email_policy

import pytest

from assistant.core.config import Settings
from assistant.db.models import OutboxEmail, OutboxEmailExtra
from assistant.mail.errors import UnsafeHeader
from assistant.mail.message import build_message, is_plain_address

SUBJECT = "[QC-2024-0001] Nouvelle demande / New inquiry — Ville jumelée / Partner city"


def _email(**overrides) -> OutboxEmail:
    values = {
        "message_id": "<0123abcd@assistant.ville.quebec.qc.ca>",
        "to_address": "international@ville.quebec.qc.ca",
        "subject": SUBJECT,
        "body": "Bonjour,\nUne demande à traiter.\n",
        "created_at": datetime(2024, 5, 6, 7, 8, 9),  # naive, as SQLite returns it
    }
    return OutboxEmail(**{**values, **overrides})


def _parse(raw: bytes):
    return message_from_bytes(raw, policy=email_policy.default)


def _text(parsed) -> str:
    return parsed.get_content().replace("\r\n", "\n")


def test_headers_and_body(settings: Settings) -> None:
    raw = build_message(_email(), settings).as_bytes()
    parsed = _parse(raw)
    assert parsed["From"] == settings.mail_from
    assert parsed["To"] == "international@ville.quebec.qc.ca"
    assert parsed["Subject"] == SUBJECT
    assert parsed["Message-ID"] == "<0123abcd@assistant.ville.quebec.qc.ca>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Date"].datetime == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert _text(parsed) == "Bonjour,\nUne demande à traiter.\n"


def test_wire_format_is_smtp_ready(settings: Settings) -> None:
    """CRLF line ends, folded headers within 78 characters, non-ASCII encoded (RFC 2047)."""
    raw = build_message(_email(subject=SUBJECT * 3), settings).as_bytes()
    head, _, _ = raw.partition(b"\r\n\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    assert raw.isascii()  # quoted-printable body: no 8BITMIME needed on any relay
    assert _parse(raw)["Subject"] == SUBJECT * 3


def test_the_same_row_gives_the_same_message(settings: Settings) -> None:
    email = _email()
    assert build_message(email, settings).as_bytes() == build_message(email, settings).as_bytes()


@pytest.mark.parametrize(
    "subject",
    [
        "[QC-1] Hello\r\nBcc: victim@example.com",
        "[QC-1] Hello\nBcc: victim@example.com",
        "[QC-1] Hello\rBcc: victim@example.com",
        "[QC-1] Hello\x00",
        "[QC-1] Hello\tthere",
        "[QC-1] Hello\x85Bcc: victim@example.com",  # NEL
        "[QC-1] Hello\u2028Bcc: victim@example.com",
    ],
)
def test_control_characters_in_the_subject_are_refused(settings: Settings, subject: str) -> None:
    with pytest.raises(UnsafeHeader) as refused:
        build_message(_email(subject=subject), settings)
    assert str(refused.value) == "Subject"  # the header's name, never its value


@pytest.mark.parametrize(
    "to",
    [
        "ana@example.es\r\nBcc: victim@example.com",
        "ana@example.es\nBcc: victim@example.com",
        "ana@example.es, victim@example.com",
        "Ana <ana@example.es>",
        "ana@example.es>",
        '"ana"@example.es',
        "ana@localhost",
        "ana..garcia@example.es",
        ".ana@example.es",
        "ana@-example.es",
        "ana@example.es.",
        "ana@[127.0.0.1]",
        "anaé@example.es",
        "ana @example.es",
        "",
        "a" * 65 + "@example.es",
        "ana@" + "a" * 250 + ".es",
    ],
)
def test_unsafe_or_unusual_recipients_are_refused(settings: Settings, to: str) -> None:
    with pytest.raises(UnsafeHeader) as refused:
        build_message(_email(to_address=to), settings)
    assert str(refused.value) == "To"


@pytest.mark.parametrize(
    "to", ["ana@example.es", "ana.garcia+qc@mail.example.co.uk", "o'neil@x.io"]
)
def test_plain_addresses_are_accepted(settings: Settings, to: str) -> None:
    assert _parse(build_message(_email(to_address=to), settings).as_bytes())["To"] == to


def test_an_unsafe_sender_or_message_id_is_refused(settings: Settings) -> None:
    unsafe = settings.model_copy(update={"mail_from": "x@y.ca\r\nBcc: victim@example.com"})
    with pytest.raises(UnsafeHeader):
        build_message(_email(), unsafe)
    with pytest.raises(UnsafeHeader):
        build_message(_email(message_id="<a@b.ca>\r\nBcc: victim@example.com"), settings)


def test_visitor_text_that_looks_like_headers_stays_in_the_body(settings: Settings) -> None:
    body = "Mon projet\r\nBcc: x@y.com\r\n\r\nTo: z@y.com\nSubject: hi\n.\n"
    parsed = _parse(build_message(_email(body=body), settings).as_bytes())
    assert parsed["Bcc"] is None
    assert parsed.get_all("To") == ["international@ville.quebec.qc.ca"]
    assert parsed.get_all("Subject") == [SUBJECT]
    content = _text(parsed)
    assert "Bcc: x@y.com" in content and "To: z@y.com" in content


def _with_extras(**extra) -> OutboxEmail:
    email = _email()
    email.extra = OutboxEmailExtra(**extra)
    return email


def test_reply_to_and_an_html_alternative(settings: Settings) -> None:
    email = _with_extras(
        reply_to="ana.garcia@example.es", html_body="<p>Une demande à traiter.</p>"
    )
    parsed = _parse(build_message(email, settings).as_bytes())
    assert parsed["Reply-To"] == "ana.garcia@example.es"
    assert parsed.get_content_type() == "multipart/alternative"
    assert _text(parsed.get_body(("plain",))) == "Bonjour,\nUne demande à traiter.\n"
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Une demande à traiter.</p>"
    # a re-send is the same message, boundary included (receivers deduplicate)
    assert build_message(email, settings).as_bytes() == build_message(email, settings).as_bytes()


@pytest.mark.parametrize(
    "reply_to", ["ana@example.es\r\nBcc: x@y.com", "Ana <ana@example.es>", "ana..g@example.es"]
)
def test_an_unsafe_reply_to_is_refused(settings: Settings, reply_to: str) -> None:
    with pytest.raises(UnsafeHeader) as refused:
        build_message(_with_extras(reply_to=reply_to), settings)
    assert str(refused.value) == "Reply-To"
    assert not is_plain_address(reply_to)
