"""The staff session cookie: its name, and setting or clearing it on a response. It carries only
the session's random id; the session is on the server (``assistant.staff.session``)."""

from __future__ import annotations

from fastapi import Response

from assistant.core.config import Settings
from assistant.db.clock import utcnow
from assistant.staff.session import StaffSession

COOKIE_NAME = "bri_staff"
SECURE_COOKIE_NAME = "__Host-bri_staff"  # the prefix forces Secure, Path=/ and no Domain


def cookie_name(settings: Settings) -> str:
    return SECURE_COOKIE_NAME if settings.secure_cookies else COOKIE_NAME


def set_session_cookie(
    response: Response, settings: Settings, session_id: str, session: StaffSession
) -> None:
    remaining = round((session.expires_at - utcnow()).total_seconds())
    response.set_cookie(
        cookie_name(settings),
        session_id,
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
