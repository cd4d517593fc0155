"""Sign-in throttling, kept in the database so every worker agrees.

Every attempt is recorded *before* the password is verified, under three keys: the (email,
client address) pair, the email alone and the address alone; then the attempts in the window
are counted, this one included. Over a cap — ``login_max_failures`` per pair,
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

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.db.models import LoginAttempt


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
        """Records the attempt; None when a cap is exceeded (then nothing is verified)."""
        keys = (throttle_key(email, client_host), account_key(email), address_key(client_host))
        rows = [LoginAttempt(key=key) for key in keys]
        async with self._sessions() as session, session.begin():
            session.add_all(rows)
            await session.execute(  # every attempt out of the window, whatever its key
                delete(LoginAttempt).where(LoginAttempt.created_at < self._window_start())
            )
        attempt = Attempt(keys[0], tuple(row.id for row in rows))
        async with self._sessions() as session:
            query = (
                select(LoginAttempt.key, func.count(LoginAttempt.id))
                .where(LoginAttempt.key.in_(keys), LoginAttempt.created_at >= self._window_start())
                .group_by(LoginAttempt.key)
            )
            counts = {key: count for key, count in (await session.execute(query)).all()}
        if any(counts.get(key, 0) > cap for key, cap in zip(keys, self._caps, strict=True)):
            await self._forget(attempt.row_ids)
            return None
        return attempt

    async def succeeded(self, attempt: Attempt) -> None:
        """A right password: this attempt and the pair's earlier failures are forgotten."""
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(LoginAttempt).where(
                    (LoginAttempt.key == attempt.pair_key) | LoginAttempt.id.in_(attempt.row_ids)
                )
            )

    async def _forget(self, row_ids: tuple[int, ...]) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(delete(LoginAttempt).where(LoginAttempt.id.in_(row_ids)))
