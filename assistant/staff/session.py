"""Staff sessions, kept on the server (``staff_sessions``): the cookie carries only a random id,
the database its keyed digest (``assistant.staff.tokens``), the staff id, the CSRF token, the
console language and the times. A session ends when its row is deleted — sign-out, a password
change, a disabled account, an admin's "sign out everywhere" — or when it expires
(``session_max_age_seconds`` after sign-in). Every sign-in opens a new session with a new id and
a new CSRF token. The cookie itself is the web layer's (``assistant.web.staff.cookies``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.db.clock import as_utc, utcnow
from assistant.db.staff_models import StaffSessionRecord
from assistant.staff.tokens import new_token, token_digest

_PURPOSE = "staff-session"
_TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most once a minute


@dataclass(frozen=True)
class StaffSession:
    key: str  # the digest of the cookie's id; never the id itself
    staff_id: int
    csrf_token: str
    language: str
    expires_at: datetime


def _session(record: StaffSessionRecord) -> StaffSession:
    return StaffSession(
        record.key,
        record.staff_id,
        record.csrf_token,
        record.language,
        as_utc(record.expires_at),
    )


async def end_sessions(session: AsyncSession, staff_id: int) -> int:
    """Ends every session of ``staff_id``, in the caller's transaction; how many there were."""
    result = await session.execute(
        delete(StaffSessionRecord).where(StaffSessionRecord.staff_id == staff_id)
    )
    return int(getattr(result, "rowcount", 0) or 0)


class SessionStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._secret = settings.secret_key
        self._max_age = timedelta(seconds=settings.session_max_age_seconds)

    def key(self, session_id: str) -> str:
        return token_digest(self._secret, _PURPOSE, session_id)

    async def open(self, staff_id: int, language: str) -> tuple[str, StaffSession]:
        """A new session: (the id for the cookie, the session). Expired rows are swept."""
        session_id = new_token()
        now = utcnow()
        record = StaffSessionRecord(
            key=self.key(session_id),
            staff_id=staff_id,
            csrf_token=secrets.token_urlsafe(32),
            language=language,
            created_at=now,
            last_seen_at=now,
            expires_at=now + self._max_age,
        )
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(StaffSessionRecord).where(StaffSessionRecord.expires_at < now)
            )
            session.add(record)
        return session_id, _session(record)

    async def read(self, session_id: str, *, now: datetime | None = None) -> StaffSession | None:
        """The live session with this id, or None (unknown, ended or expired)."""
        if not session_id or len(session_id) > 100:
            return None
        now = now or utcnow()
        async with self._sessions() as session:
            record = await session.get(StaffSessionRecord, self.key(session_id))
            if record is None or as_utc(record.expires_at) <= now:
                return None
            found = _session(record)
            if now - as_utc(record.last_seen_at) >= _TOUCH_EVERY:
                await session.execute(
                    update(StaffSessionRecord)
                    .where(StaffSessionRecord.key == found.key)
                    .values(last_seen_at=now)
                )
                await session.commit()
        return found

    async def set_language(self, staff_session: StaffSession, language: str) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(StaffSessionRecord)
                .where(StaffSessionRecord.key == staff_session.key)
                .values(language=language)
            )

    async def end(self, staff_session: StaffSession) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(StaffSessionRecord).where(StaffSessionRecord.key == staff_session.key)
            )

    async def end_all(self, staff_id: int) -> int:
        async with self._sessions() as session, session.begin():
            return await end_sessions(session, staff_id)
