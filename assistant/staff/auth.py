"""Signing staff in and out, and the request dependencies that identify them.

Unknown emails cost one Argon2 verification like wrong passwords do (no timing oracle);
failures are throttled per email and client address (assistant.staff.throttle).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from fastapi import Request

from assistant.core.errors import AssistantError
from assistant.db.models import Staff
from assistant.staff.passwords import dummy_hash, verify_password
from assistant.staff.service import find_by_email, get_staff
from assistant.staff.session import SessionCodec, StaffSession, cookie_name
from assistant.staff.throttle import LoginThrottle, throttle_key

if TYPE_CHECKING:
    from assistant.services import Services

log = logging.getLogger(__name__)


class NotSignedIn(AssistantError):
    """No valid staff session (missing, forged or expired cookie, or a disabled account)."""

    code = "not_signed_in"


class InvalidCredentials(AssistantError):
    """Wrong email or password (which one is never said)."""

    code = "invalid_credentials"


class LoginThrottled(AssistantError):
    """Too many failed sign-ins for this email from this address: wait for the window."""

    code = "login_throttled"


def client_host(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def sign_in(services: Services, *, email: str, password: str, host: str) -> Staff:
    """The active staff member with these credentials; raises LoginThrottled or
    InvalidCredentials."""
    throttle = LoginThrottle(services.sessions, services.settings)
    key = throttle_key(email, host)
    if await throttle.is_blocked(key):
        log.warning("sign-in throttled (key %s)", key[:12])
        raise LoginThrottled()
    staff = await find_by_email(services.sessions, email)
    password_hash = staff.password_hash if staff is not None else dummy_hash()
    valid = await asyncio.to_thread(verify_password, password_hash, password)
    if staff is None or not valid or not staff.active:
        await throttle.record_failure(key)
        log.info("failed sign-in (key %s)", key[:12])
        raise InvalidCredentials()
    await throttle.clear(key)
    log.info("staff %s signed in", staff.id)
    return staff


def _services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def read_session(request: Request) -> StaffSession | None:
    """The request's valid staff session, if any (no database access)."""
    settings = _services(request).settings
    value = request.cookies.get(cookie_name(settings))
    return SessionCodec(settings).decode(value) if value else None


async def session_staff(request: Request, session: StaffSession) -> Staff | None:
    """The session's staff member while the account exists and is active."""
    staff = await get_staff(_services(request).sessions, session.staff_id)
    return staff if staff is not None and staff.active else None


async def current_session(request: Request) -> StaffSession:
    """Dependency: the staff session, or 401."""
    session = read_session(request)
    if session is None:
        raise NotSignedIn()
    return session


async def current_staff(request: Request) -> Staff:
    """Dependency: the signed-in, active staff member, or 401."""
    staff = await session_staff(request, await current_session(request))
    if staff is None:
        raise NotSignedIn()
    return staff
