"""The staff session: a signed, expiring cookie holding the staff id, a CSRF token and the
console language. Signed with HMAC-SHA256 under a key derived from ``settings.secret_key``;
nothing in it is secret from its holder, and nothing else is stored in it. The cookie that
carries it is the web layer's (``assistant.web.staff.cookies``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, replace

from assistant.core.config import Settings

_PURPOSE = b"assistant.staff.session.v1"
_CLOCK_SKEW_SECONDS = 60


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    csrf_token: str
    language: str
    issued_at: int

    def with_language(self, language: str) -> StaffSession:
        return replace(self, language=language)


def new_session(staff_id: int, language: str) -> StaffSession:
    """A fresh session with a new CSRF token (never reuse one across sign-ins)."""
    return StaffSession(staff_id, secrets.token_urlsafe(32), language, int(time.time()))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionCodec:
    def __init__(self, settings: Settings) -> None:
        self._key = hmac.new(settings.secret_key.encode(), _PURPOSE, hashlib.sha256).digest()
        self._max_age = settings.session_max_age_seconds

    def _signature(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def encode(self, session: StaffSession) -> str:
        data = {
            "sid": session.staff_id,
            "csrf": session.csrf_token,
            "lang": session.language,
            "iat": session.issued_at,
        }
        payload = _b64(json.dumps(data, separators=(",", ":")).encode())
        return f"{payload}.{self._signature(payload)}"

    def decode(self, value: str, *, now: float | None = None) -> StaffSession | None:
        """The session, or None when the value is forged, malformed or expired."""
        payload, _, signature = value.rpartition(".")
        try:
            if not hmac.compare_digest(self._signature(payload), signature):
                return None
            data = json.loads(_unb64(payload))
            session = StaffSession(
                int(data["sid"]), str(data["csrf"]), str(data["lang"]), int(data["iat"])
            )
        except (ValueError, KeyError, TypeError, UnicodeError):
            return None
        age = (time.time() if now is None else now) - session.issued_at
        if age > self._max_age or age < -_CLOCK_SKEW_SECONDS:
            return None
        return session
