"""Notifications across app processes on PostgreSQL: ``LISTEN/NOTIFY``.

One dedicated connection per process LISTENs on one PostgreSQL channel; every notification
carries its own channel name (``conversation:…``, ``cases``, ``kb``) and is handed to this
process's subscribers. ``pg_notify`` runs inside the writing transaction, so PostgreSQL delivers
it only after the commit (and drops it on rollback): a woken stream finds the row committed.

If the listening connection drops, it reconnects with a growing delay and then wakes every
subscriber (``Notifier.resync``): what was notified meanwhile is read from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import psycopg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from assistant.events.notifier import Notifier

log = logging.getLogger(__name__)

PG_CHANNEL = "assistant_events"
_NOTIFY = text("SELECT pg_notify(:pg_channel, :message)")


def create_notifier(engine: AsyncEngine, *, reconnect_max_seconds: float = 10.0) -> Notifier:
    """The notifier for ``engine``'s database: LISTEN/NOTIFY on PostgreSQL, in-process on
    SQLite (one app process by design)."""
    if engine.url.get_backend_name() == "postgresql":
        return PostgresNotifier(engine, reconnect_max_seconds=reconnect_max_seconds)
    return Notifier()


class PostgresNotifier(Notifier):
    def __init__(
        self,
        engine: AsyncEngine,
        *,
        reconnect_min_seconds: float = 0.1,
        reconnect_max_seconds: float = 10.0,
    ) -> None:
        super().__init__()
        self._engine = engine
        url = engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._min_delay = reconnect_min_seconds
        self._max_delay = max(reconnect_min_seconds, reconnect_max_seconds)
        self._delay = reconnect_min_seconds
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()
        self.listen_pid: int | None = None  # the LISTEN connection's server process (tests)
        self.reconnects = 0

    async def start(self, timeout: float = 5.0) -> None:
        """Start listening; waits (up to ``timeout``) for the first LISTEN so that nothing
        committed after ``start`` is missed. Past the timeout it keeps trying in the background
        (the streams' fallback poll covers the gap)."""
        if self._task is None:
            self._task = asyncio.create_task(self._listen_forever(), name="pg-listen")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), timeout)
        if not self._listening.is_set():
            log.warning("notifications: not listening yet; streams fall back to polling")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    @property
    def listening(self) -> bool:
        return self._listening.is_set()

    async def publish(self, channel: str, payload: str = "") -> None:
        async with self._engine.begin() as connection:
            await connection.execute(_NOTIFY, _parameters(channel, payload))

    def stage(self, session: Session, channel: str, payload: str = "") -> None:
        session.connection().execute(_NOTIFY, _parameters(channel, payload))

    def committed(self, session: Session) -> None:
        """PostgreSQL delivers at commit, to this process too (through the LISTEN)."""

    async def _listen_forever(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception as error:  # psycopg.Error, OSError: whatever it was, retry
                # The error's class only: its text may quote connection details.
                log.warning(
                    "notifications: listen connection lost (%s), reconnecting in %.1f s",
                    type(error).__name__,
                    self._delay,
                )
            finally:
                self._listening.clear()
                self.listen_pid = None
            await asyncio.sleep(self._delay)
            self._delay = min(self._max_delay, self._delay * 2)
            self.reconnects += 1

    async def _listen(self) -> None:
        connection = await psycopg.AsyncConnection.connect(
            self._conninfo, autocommit=True, application_name="assistant-listen"
        )
        async with connection:
            await connection.execute(f"LISTEN {PG_CHANNEL}")
            self.listen_pid = connection.info.backend_pid
            self._delay = self._min_delay  # connected: the next drop retries quickly again
            self._listening.set()
            self.resync()  # notifications sent while not listening are lost: read again
            async for note in connection.notifies():
                channel, payload = _parse(note.payload)
                if channel is not None:
                    self.dispatch(channel, payload)


def _parameters(channel: str, payload: str) -> dict[str, str]:
    return {"pg_channel": PG_CHANNEL, "message": json.dumps([channel, payload])}


def _parse(message: str) -> tuple[str | None, str]:
    try:
        channel, payload = json.loads(message)
    except (ValueError, TypeError):
        return None, ""
    if not isinstance(channel, str) or not isinstance(payload, str):
        return None, ""
    return channel, payload
