"""Database engine and sessions (SQLite by default, PostgreSQL via ASSISTANT_DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from assistant.core.log_privacy import never_log_values
from assistant.db import migrate


def create_engine(database_url: str, *, foreign_keys: bool = True) -> AsyncEngine:
    """``foreign_keys=False`` only to migrate SQLite (batch mode drops and recreates tables,
    which enforced foreign keys would cascade or refuse)."""
    never_log_values()
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        one_connection: dict[str, int] = {}
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            # SQLite has one writer, and every transaction here takes its lock (BEGIN
            # IMMEDIATE, below). With several connections the waiters poll the lock in
            # SQLite's busy handler, sleeping up to 100 ms between tries, and late comers pass
            # early ones: at 20 conversations a chat turn's p95 outside Rasa was 600 ms. One
            # connection hands the database to transactions in arrival order (README, "Speed").
            one_connection = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 15}
        engine = create_async_engine(
            database_url, connect_args={"timeout": 15}, hide_parameters=True, **one_connection
        )

        _isolate_sqlite_transactions(engine, foreign_keys)
        return engine
    engine = create_async_engine(database_url, pool_pre_ping=True, hide_parameters=True)
    _hide_error_details(engine)
    return engine


def _hide_error_details(engine: AsyncEngine) -> None:
    """PostgreSQL's errors carry a DETAIL line with the row's values (``Key (id)=(…) already
    exists``: a visitor's email, a name): ``hide_parameters`` does not reach it, and the error
    is logged and may be shown. Only the first line, which names the constraint, is kept, in
    the driver's exception and in SQLAlchemy's."""

    @event.listens_for(engine.sync_engine, "handle_error")
    def _first_line_only(context):  # type: ignore[no-untyped-def]
        for error in (context.original_exception, context.sqlalchemy_exception):
            if error is not None and error.args and isinstance(error.args[0], str):
                error.args = (_without_details(error.args[0]), *error.args[1:])


def _without_details(message: str) -> str:
    return "\n".join(
        line
        for line in message.splitlines()
        if not line.lstrip().startswith(("DETAIL:", "HINT:", "CONTEXT:"))
    )


def _isolate_sqlite_transactions(engine: AsyncEngine, foreign_keys: bool = True) -> None:
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
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin_immediate(connection):  # type: ignore[no-untyped-def]
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # VACUUM and checkpoints run outside any transaction
        connection.exec_driver_sql("BEGIN IMMEDIATE")


async def create_schema(engine: AsyncEngine) -> None:
    """Bring the database to the newest migration (``assistant/db/migrations/``): a new
    database gets every revision, one from before migrations (tables built by ``create_all``)
    is stamped when the models describe it. Raises ``MigrationError`` when it cannot."""
    target = migration_engine(engine)
    try:
        await migrate.upgrade(target)
    finally:
        if target is not engine:
            await target.dispose()


def migration_engine(engine: AsyncEngine) -> AsyncEngine:
    """The engine to migrate ``engine``'s database with: on an SQLite file, a separate one with
    foreign keys off (checked with ``PRAGMA foreign_key_check`` before committing)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return engine
    return create_engine(url.render_as_string(hide_password=False), foreign_keys=False)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
