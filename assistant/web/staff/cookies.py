"""The staff session cookie: its name, and setting or clearing it on a response (the session
inside it is ``assistant.staff.session``'s)."""

from __future__ import annotations

import time

from fastapi import Response

from assistant.core.config import Settings
from assistant.staff.session import SessionCodec, StaffSession

COOKIE_NAME = "bri_staff"
SECURE_COOKIE_NAME = "__Host-bri_staff"  # the prefix forces Secure, Path=/ and no Domain


def cookie_name(settings: Settings) -> str:
    return SECURE_COOKIE_NAME if settings.secure_cookies else COOKIE_NAME


def set_session_cookie(response: Response, settings: Settings, session: StaffSession) -> None:
    remaining = settings.session_max_age_seconds - (int(time.time()) - session.issued_at)
    response.set_cookie(
        cookie_name(settings),
        SessionCodec(settings).encode(session),
        max_age=max(0, remaining),
        path="/",
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        cookie_name(settings),
        path="/",
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )
