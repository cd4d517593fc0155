"""Turning an outbox row into the RFC 5322 message the worker hands to SMTP.

Headers come from fixed labels, the case reference and our own settings; visitor input is only
ever in the body, except a Reply-To address, which must be a plain address matching the same
strict pattern as the recipient. Every header value is checked: CR, LF or any other control
character is refused (header injection). An email with an HTML alternative is
multipart/alternative (plain text first, HTML second) with a boundary derived from its
Message-ID, so a re-send is still byte-for-byte the same message.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime

from assistant.core.config import Settings
from assistant.db.clock import as_utc
from assistant.db.models import OutboxEmail
from assistant.mail.errors import UnsafeHeader

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# ASCII dot-atom local part, then a domain of at least two labels: no quoting, no comments,
# no display name, no IP literal.
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")
_MESSAGE_ID = re.compile(rf"<{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+>")


def build_message(email: OutboxEmail, settings: Settings) -> EmailMessage:
    """The plain-text UTF-8 message for ``email``; raises UnsafeHeader for unsafe values.

    The Date is the row's creation time, so a re-send is byte-for-byte the same message. The
    body is quoted-printable: 7-bit clean, so any relay takes it (no 8BITMIME needed).
    """
    extra = email.extra
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = checked_address(settings.mail_from, "From")
    message["To"] = checked_address(email.to_address, "To")
    if extra is not None and extra.reply_to:
        message["Reply-To"] = checked_address(extra.reply_to, "Reply-To")
    _set_subject(message, checked_text(email.subject, "Subject"))
    message["Date"] = format_datetime(_as_utc(email.created_at))
    message["Message-ID"] = _checked_message_id(email.message_id)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(email.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    if extra is not None and extra.html_body:
        message.add_alternative(
            extra.html_body, subtype="html", charset="utf-8", cte="quoted-printable"
        )
        # Quoted-printable writes "=" as "=3D": a boundary starting with "=_" is never in a part.
        digest = hashlib.sha256(email.message_id.encode()).hexdigest()[:32]
        message.set_boundary(f"=_alt_{digest}")
    return message


def is_plain_address(value: str | None) -> bool:
    """Whether ``value`` may go in an address header (``checked_address`` would accept it)."""
    if not value:
        return False
    try:
        checked_address(value, "address")
    except UnsafeHeader:
        return False
    return True


_LINE = 78  # RFC 5322's recommended line length, headers included


def _set_subject(message: EmailMessage, subject: str) -> None:
    """The Subject, folded here rather than by Python: its folder puts an ASCII value of 70 to 77
    characters on a line of its own right after "Subject:" (read back with a leading space), and
    moves spaces around encoded words. An ASCII subject is folded between words, its first word
    right after the colon; any other (or one with spaces at an end or in a row) is UTF-8 encoded
    words, spaces inside them."""
    if subject.isascii() and subject == subject.strip() and "  " not in subject:
        lines = [""]
        room = _LINE - len("Subject: ")
        for word in subject.split(" "):
            candidate = f"{lines[-1]} {word}" if lines[-1] else word
            if len(candidate) <= room or not lines[-1]:
                lines[-1] = candidate
            else:
                lines.append(word)
                room = _LINE - 1  # a continuation line starts with one space
        folded = "\n ".join(lines)
    else:
        folded = Header(subject, "utf-8", header_name="Subject", maxlinelen=_LINE).encode("\n")
    message.set_raw("Subject", folded)


def checked_text(value: str, header: str) -> str:
    """``value`` unchanged if it has no control character (CR, LF, TAB, NUL...)."""
    if _CONTROL.search(value):
        raise UnsafeHeader(header)
    return value


def checked_address(value: str, header: str) -> str:
    """``value`` unchanged if it is a plain ASCII address (no display name) of legal length."""
    local, _, _ = value.partition("@")
    if len(value) > 254 or len(local) > 64 or not _ADDRESS.fullmatch(value):
        raise UnsafeHeader(header)
    return value


def _checked_message_id(value: str) -> str:
    if len(value) > 255 or not _MESSAGE_ID.fullmatch(value):
        raise UnsafeHeader("Message-ID")
    return value


def _as_utc(moment: datetime | None) -> datetime:
    """The stored time in UTC (now for an email not stored yet)."""
    return datetime.now(UTC) if moment is None else as_utc(moment)
