"""Alembic's environment: run by ``assistant/db/migrate.py``, which hands over an open
connection (``config.attributes["connection"]``) inside its own transaction. SQLite alters
tables in batch mode (copy, then swap); only the tables of ``assistant.db.tables`` are compared
(another tool's tables in the same database are left alone)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from assistant.db.migrate import include_name
from assistant.db.tables import metadata


def configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
        compare_type=True,
    )


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations with: python -m assistant migrate")
    configure(connection)
    with context.begin_transaction():
        context.run_migrations()


run()
