"""Signing staff in: credentials checked, failures throttled, and who may stay signed in.

Unknown emails cost one Argon2 verification like wrong passwords do (no timing oracle);
failures are throttled per email and client address (assistant.staff.throttle). Reading the
session cookie of a request is the web layer's (``assistant.web.deps``).
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.core.errors import AssistantError
from assistant.db.models import Staff
from assistant.staff.passwords import dummy_hash, verify_password
from assistant.staff.service import find_by_email, get_staff
from assistant.staff.throttle import LoginThrottle, throttle_key

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


async def sign_in(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    email: str,
    password: str,
    host: str,
) -> Staff:
    """The active staff member with these credentials; raises LoginThrottled or
    InvalidCredentials."""
    throttle = LoginThrottle(sessions, settings)
    key = throttle_key(email, host)
    if await throttle.is_blocked(key):
        log.warning("sign-in throttled (key %s)", key[:12])
        raise LoginThrottled()
    staff = await find_by_email(sessions, email)
    password_hash = staff.password_hash if staff is not None else dummy_hash()
    valid = await asyncio.to_thread(verify_password, password_hash, password)
    if staff is None or not valid or not staff.active:
        await throttle.record_failure(key)
        log.info("failed sign-in (key %s)", key[:12])
        raise InvalidCredentials()
    await throttle.clear(key)
    log.info("staff %s signed in", staff.id)
    return staff


async def active_staff(sessions: async_sessionmaker[AsyncSession], staff_id: int) -> Staff | None:
    """The staff member while the account exists and is active (a session stays valid so long)."""
    staff = await get_staff(sessions, staff_id)
    return staff if staff is not None and staff.active else None
