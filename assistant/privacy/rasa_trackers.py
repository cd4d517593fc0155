"""Rasa's conversation state in its tracker store: read, exported, deleted and purged by the app.

Rasa keeps each conversation's tracker (every event: what the visitor typed, the form's slots
such as their name and email) in the SQL database ``rasa_tracker_url`` names (``endpoints.yml``,
``SQLTrackerStore``: SQLite file ``var/rasa/trackers.db`` by default, PostgreSQL when
configured). Its table ``events`` has one row per event: ``sender_id`` (the app's conversation
id), ``type_name``, ``timestamp`` (Unix seconds), ``data`` (the event as JSON).

Rasa creates that schema when it first starts: until then the file or the table may not exist,
and every read here finds nothing (the SQLite file is never created by the app). Rasa re-reads a
conversation's events from the store on every message, so deleted rows are gone for Rasa too.
After a deletion an SQLite file is rewritten (``VACUUM``) so no deleted event survives in its
free pages.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    event,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from assistant.core.config import Settings

# Rasa's SQLTrackerStore.SQLEvent (rasa/core/tracker_store.py), the columns the app uses.
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

# Rasa's URL is synchronous (SQLAlchemy 1.4 in the Rasa venv); the app reads it asynchronously.
_ASYNC_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "psycopg"}


def async_url(url: str) -> str:
    """The app's asynchronous URL for Rasa's ``sqlite:///…`` / ``postgresql://…`` URL."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    driver = _ASYNC_DRIVERS.get(backend)
    if driver is None:
        raise ValueError(f"unsupported Rasa tracker database: {backend}")
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def sqlite_file(url: str) -> Path | None:
    """The SQLite file of a tracker URL, or None for a server database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


@dataclass(frozen=True)
class TrackerEvent:
    """One row of Rasa's ``events`` table."""

    conversation_id: str
    type_name: str
    timestamp: float | None
    data: dict[str, Any]


class RasaTrackers:
    """The tracker store's events, by conversation (Rasa's ``sender_id``)."""

    def __init__(self, url: str) -> None:
        self.url = url

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaTrackers:
        return cls(settings.rasa_tracker_url)

    @asynccontextmanager
    async def _engine(self) -> AsyncIterator[AsyncEngine | None]:
        """The store's engine, or None when its SQLite file does not exist yet."""
        path = sqlite_file(self.url)
        if path is not None and not path.is_file():
            yield None
            return
        engine = _engine(self.url)
        try:
            yield engine
        finally:
            await engine.dispose()

    @staticmethod
    async def _has_events(connection: AsyncConnection) -> bool:
        return await connection.run_sync(lambda sync: inspect(sync).has_table(EVENTS.name))

    async def events_of(
        self, conversation_ids: Iterable[str], needles: Iterable[str] = ()
    ) -> list[TrackerEvent]:
        """Every event of the given conversations, and of any conversation whose events
        contain one of ``needles`` (an email, any case), oldest first."""
        ids, wanted = set(conversation_ids), [n.casefold() for n in needles if n]
        if not ids and not wanted:
            return []
        async with self._engine() as engine:
            if engine is None:
                return []
            async with engine.connect() as connection:
                if not await self._has_events(connection):
                    return []
                if wanted:
                    typed = or_(*(_contains(EVENTS.c.data, needle) for needle in wanted))
                    query = select(EVENTS.c.sender_id).where(typed).distinct()
                    ids |= set((await connection.execute(query)).scalars())
                rows = await connection.execute(
                    select(EVENTS).where(EVENTS.c.sender_id.in_(ids)).order_by(EVENTS.c.id)
                )
                return [
                    TrackerEvent(row.sender_id, row.type_name, row.timestamp, _json(row.data))
                    for row in rows
                ]

    async def delete(self, conversation_ids: Iterable[str]) -> int:
        """Delete these conversations' trackers; returns how many had events."""
        ids = set(conversation_ids)
        if not ids:
            return 0
        return await self._delete(EVENTS.c.sender_id.in_(ids))

    async def purge_before(self, cutoff: datetime) -> int:
        """Delete every event older than ``cutoff``; returns how many conversations had some
        (a conversation still going on keeps its recent events)."""
        return await self._delete(EVENTS.c.timestamp < cutoff.timestamp())

    async def _delete(self, where: Any) -> int:
        async with self._engine() as engine:
            if engine is None:
                return 0
            async with engine.begin() as connection:
                if not await self._has_events(connection):
                    return 0
                counted = select(func.count(EVENTS.c.sender_id.distinct())).where(where)
                conversations = (await connection.execute(counted)).scalar_one()
                events = (await connection.execute(delete(EVENTS).where(where))).rowcount
            if events:
                await _vacuum(engine)
            return int(conversations)


def _engine(url: str) -> AsyncEngine:
    """An engine that never logs values; on SQLite the driver's implicit transactions are off
    (SQLAlchemy's pysqlite recipe) so ``VACUUM`` can run, and a write waits for Rasa's."""
    if sqlite_file(url) is None:
        return create_async_engine(async_url(url), pool_pre_ping=True, hide_parameters=True)
    engine = create_async_engine(async_url(url), connect_args={"timeout": 15}, hide_parameters=True)

    @event.listens_for(engine.sync_engine, "connect")
    def _no_implicit_begin(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None

    @event.listens_for(engine.sync_engine, "begin")
    def _begin_immediate(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


async def _vacuum(engine: AsyncEngine) -> None:
    """Rewrite an SQLite file without the deleted events (no-op on PostgreSQL, which vacuums
    on its own); on the driver's connection, outside any transaction."""
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        await raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]


def _contains(column: Any, text: str) -> Any:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _json(data: str | None) -> dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
