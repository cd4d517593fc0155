"""Signing staff in: credentials checked, attempts throttled, and who may stay signed in.

The attempt is recorded before the password is verified, and counted per email and client
address, per email and per address (assistant.staff.throttle). Unknown emails cost one Argon2
verification like wrong passwords do (no timing oracle). A right password stored with weaker
parameters than today's is re-hashed on the spot (``check_needs_rehash``). Opening the session
is ``assistant.staff.session``'s; reading its cookie the web layer's (``assistant.web.deps``).
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.core.errors import AssistantError
from assistant.db.models import Staff
from assistant.staff.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from assistant.staff.service import find_by_email, get_staff
from assistant.staff.throttle import LoginThrottle

log = logging.getLogger(__name__)


class NotSignedIn(AssistantError):
    """No valid staff session (missing, forged or expired cookie, or a disabled account)."""

    code = "not_signed_in"


class InvalidCredentials(AssistantError):
    """Wrong email or password (which one is never said)."""

    code = "invalid_credentials"


class LoginThrottled(AssistantError):
    """Too many failed sign-ins (for this email, from this address, or both): wait."""

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
    attempt = await throttle.begin(email, host)  # recorded before anything is verified
    if attempt is None:
        log.warning("sign-in throttled")
        raise LoginThrottled()
    staff = await find_by_email(sessions, email)
    password_hash = staff.password_hash if staff is not None else dummy_hash()
    valid = await asyncio.to_thread(verify_password, password_hash, password)
    if staff is None or not valid or not staff.active:
        log.info("failed sign-in (pair %s)", attempt.pair_key[:12])
        raise InvalidCredentials()
    await throttle.succeeded(attempt)
    if needs_rehash(staff.password_hash):
        await _rehash(sessions, staff, password)
    log.info("staff %s signed in", staff.id)
    return staff


async def _rehash(sessions: async_sessionmaker[AsyncSession], staff: Staff, password: str) -> None:
    """Stores the password again under today's Argon2 parameters (only if it did not change)."""
    new_hash = await asyncio.to_thread(hash_password, password)
    async with sessions() as session, session.begin():
        await session.execute(
            update(Staff)
            .where(Staff.id == staff.id, Staff.password_hash == staff.password_hash)
            .values(password_hash=new_hash)
        )
    staff.password_hash = new_hash


async def active_staff(sessions: async_sessionmaker[AsyncSession], staff_id: int) -> Staff | None:
    """The staff member while the account exists and is active (a session stays valid so long)."""
    staff = await get_staff(sessions, staff_id)
    return staff if staff is not None and staff.active else None
