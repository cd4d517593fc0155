"""Sign-in throttling: failed attempts per (email, client address), kept in the database so
every worker agrees. The key is a SHA-256 digest: neither the email nor the address is stored."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.db.models import LoginAttempt


def throttle_key(email: str, client_host: str) -> str:
    return hashlib.sha256(f"{email.strip().lower()}\n{client_host}".encode()).hexdigest()


class LoginThrottle:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._max_failures = settings.login_max_failures
        self._window = timedelta(seconds=settings.login_window_seconds)

    def _window_start(self) -> datetime:
        return datetime.now(UTC) - self._window

    async def is_blocked(self, key: str) -> bool:
        """True once ``login_max_failures`` failures happened within the window."""
        async with self._sessions() as session:
            query = select(func.count(LoginAttempt.id)).where(
                LoginAttempt.key == key, LoginAttempt.created_at >= self._window_start()
            )
            return (await session.scalar(query) or 0) >= self._max_failures

    async def record_failure(self, key: str) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(LoginAttempt).where(
                    LoginAttempt.key == key, LoginAttempt.created_at < self._window_start()
                )
            )
            session.add(LoginAttempt(key=key))

    async def clear(self, key: str) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
