"""One SQLite transaction as one call into the database connection's own thread.

Through SQLAlchemy, every statement on aiosqlite crosses between the event loop and the
connection's thread three or four times (cursor, execute, fetch, close), and each crossing waits
for a turn of the loop and for the GIL: under load, a four-statement transaction held the app's
one connection for tens of milliseconds. ``run_in_connection_thread`` checks the pooled connection
out as any query would (so it queues with them, in order), then runs a plain ``sqlite3``
function between ``BEGIN IMMEDIATE`` and ``COMMIT`` in that thread: one crossing.

It uses aiosqlite's ``_execute`` (run a function in the connection's thread) and ``_conn`` (its
``sqlite3.Connection``), which aiosqlite has no public name for; ``requirements/app.lock`` pins
the version and ``tests/db/test_sqlite_thread.py`` checks both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")


def is_aiosqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite" and engine.dialect.driver == "aiosqlite"


async def run_in_connection_thread(
    engine: AsyncEngine, work: Callable[[sqlite3.Connection], T]
) -> T:
    """``work(connection)`` inside one write transaction (``BEGIN IMMEDIATE``, as every
    transaction of the app's engine: ``assistant/db/engine.py``); rolled back if it raises."""
    async with engine.connect() as connection:
        pooled = await connection.get_raw_connection()
        driver: Any = pooled.driver_connection  # aiosqlite.Connection
        result: T = await driver._execute(_in_transaction, driver, work)
        return result


def _in_transaction(driver: Any, work: Callable[[sqlite3.Connection], T]) -> T:
    database: sqlite3.Connection = driver._conn
    database.execute("BEGIN IMMEDIATE")
    try:
        result = work(database)
        database.execute("COMMIT")
    except BaseException:
        if database.in_transaction:
            database.execute("ROLLBACK")
        raise
    return result
