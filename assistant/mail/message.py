"""Turning an outbox row into the RFC 5322 message the worker hands to SMTP.

Headers come from fixed labels, the case reference and our own settings; visitor input is only
ever in the body. Every header value is still checked: CR, LF or any other control character is
refused (header injection), and the recipient must be a plain address matching a strict pattern.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import policy
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
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = checked_address(settings.mail_from, "From")
    message["To"] = checked_address(email.to_address, "To")
    message["Subject"] = checked_text(email.subject, "Subject")
    message["Date"] = format_datetime(_as_utc(email.created_at))
    message["Message-ID"] = _checked_message_id(email.message_id)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(email.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return message


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
