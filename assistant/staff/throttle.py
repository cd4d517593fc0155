"""Sign-in throttling, kept in the database so every worker agrees.

Every attempt is recorded *before* the password is verified, under three keys: the (email,
client address) pair, the email alone and the address alone, in one transaction that first
counts the attempts in the window, this one included. Attempts are counted and recorded one at
a time (SQLite's ``BEGIN IMMEDIATE``; on PostgreSQL a transaction advisory lock): otherwise N
attempts sent at once could each count all N, each be refused and forget itself, and leave
nothing for the next guess to be counted against. Over a cap — ``login_max_failures`` per pair,
``login_max_failures_per_account`` per email from every address,
``login_max_failures_per_address`` per address for every email — the attempt is refused
unverified (and forgotten, so waiting is enough). So N attempts sent at once get at most the
cap's number of verifications. A successful sign-in forgets its own attempt and the pair's
failures; the other failures age out of the window. Keys are SHA-256 digests: neither the
email nor the address is stored. Which address is the client's is the web layer's
(``assistant/web/client_address.py``: ``X-Forwarded-For`` only from trusted proxies).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.db.models import LoginAttempt

_LOCK_KEY = 7_311_053  # PostgreSQL advisory lock: one sign-in attempt counted at a time


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def throttle_key(email: str, client_host: str) -> str:
    """The (email, address) pair's key."""
    return _digest(f"{email.strip().lower()}\n{client_host}")


def account_key(email: str) -> str:
    return _digest(f"account\n{email.strip().lower()}")


def address_key(client_host: str) -> str:
    return _digest(f"address\n{client_host}")


@dataclass(frozen=True)
class Attempt:
    """A recorded attempt: its rows, and the pair it counts for."""

    pair_key: str
    row_ids: tuple[int, ...]


class LoginThrottle:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._window = timedelta(seconds=settings.login_window_seconds)
        self._caps = (
            settings.login_max_failures,
            settings.login_max_failures_per_account,
            settings.login_max_failures_per_address,
        )

    def _window_start(self) -> datetime:
        return datetime.now(UTC) - self._window

    async def begin(self, email: str, client_host: str) -> Attempt | None:
        """Records the attempt; None when a cap is exceeded (then nothing is verified, and
        nothing is recorded: waiting is enough)."""
        keys = (throttle_key(email, client_host), account_key(email), address_key(client_host))
        rows = [LoginAttempt(key=key) for key in keys]
        async with self._sessions() as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY}
                )
            await session.execute(  # every attempt out of the window, whatever its key
                delete(LoginAttempt).where(LoginAttempt.created_at < self._window_start())
            )
            query = (
                select(LoginAttempt.key, func.count(LoginAttempt.id))
                .where(LoginAttempt.key.in_(keys))
                .group_by(LoginAttempt.key)
            )
            counts = {key: count for key, count in (await session.execute(query)).all()}
            if any(counts.get(key, 0) + 1 > cap for key, cap in zip(keys, self._caps, strict=True)):
                return None
            session.add_all(rows)
        return Attempt(keys[0], tuple(row.id for row in rows))

    async def succeeded(self, attempt: Attempt) -> None:
        """A right password: this attempt and the pair's earlier failures are forgotten."""
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(LoginAttempt).where(
                    (LoginAttempt.key == attempt.pair_key) | LoginAttempt.id.in_(attempt.row_ids)
                )
            )
