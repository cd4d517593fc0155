"""Database engine and sessions (SQLite by default, PostgreSQL via ASSISTANT_DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from assistant.core.log_privacy import never_log_values
from assistant.db.tables import metadata


def create_engine(database_url: str) -> AsyncEngine:
    never_log_values()
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            database_url, connect_args={"timeout": 15}, hide_parameters=True
        )

        _isolate_sqlite_transactions(engine)
        return engine
    return create_async_engine(database_url, pool_pre_ping=True, hide_parameters=True)


def _isolate_sqlite_transactions(engine: AsyncEngine) -> None:
    """SQLAlchemy's documented pysqlite/aiosqlite recipe ("Serializable isolation /
    Savepoints / Transactional DDL"): the driver's own transaction handling is switched off
    and every transaction starts with ``BEGIN IMMEDIATE``, which takes SQLite's write lock at
    once. Two transactions that read then write the same rows (publish a draft, save over a
    draft, insert-or-reuse a visitor message) then run one after the other, as ``SELECT ... FOR
    UPDATE`` makes them on PostgreSQL; the second waits up to ``busy_timeout``."""

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # no implicit BEGIN from the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin_immediate(connection):  # type: ignore[no-untyped-def]
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # VACUUM and checkpoints run outside any transaction
        connection.exec_driver_sql("BEGIN IMMEDIATE")


async def create_schema(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_create_all)


def _create_all(connection: Connection) -> None:
    """New tables with their indexes; on existing tables, the indexes added since (a new
    column still needs a migration)."""
    metadata.create_all(connection)
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(connection, checkfirst=True)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
