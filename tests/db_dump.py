"""What a database holds, read straight from it (SQLite or PostgreSQL), for tests that check
what is stored — and what is not — whichever database the run uses."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def sync_url(database_url: str) -> str:
    """The app's async URL for a synchronous engine (psycopg serves both)."""
    return database_url.replace("sqlite+aiosqlite:", "sqlite:", 1)


def rows(database_url: str, statement: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(statement))]
    finally:
        engine.dispose()


def dump(database_url: str) -> str:
    """Every row of every table, one per line, as text."""
    engine = sa.create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            lines = []
            for table in sa.inspect(connection).get_table_names():
                selected = connection.execute(sa.text(f'SELECT * FROM "{table}"'))
                lines += [f"{table}: {tuple(row)!r}" for row in selected]
            return "\n".join(lines)
    finally:
        engine.dispose()
