"""The SQL the aggregates send, compiled for both databases the app supports (PostgreSQL is
not running in the test suite: this checks what it would receive)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from assistant.db.models import Conversation, Message
from assistant.insights.sql import hour_of, parse_hour


def _sql(statement, dialect) -> str:
    return str(statement.compile(dialect=dialect.dialect()))


def test_the_utc_hour_on_sqlite_and_postgresql():
    statement = select(hour_of(Conversation.created_at))
    assert "substr(conversations.created_at, 1, 13)" in _sql(statement, sqlite)
    assert "to_char((conversations.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')" in _sql(
        statement, postgresql
    )
    assert parse_hour("2026-11-11 03").isoformat() == "2026-11-11T03:00:00+00:00"


def test_the_answering_entry_is_read_from_the_stored_reply_on_both():
    statement = select(Message.payload[("kb_entries", 0)].as_string())
    assert "JSON_EXTRACT(messages.payload" in _sql(statement, sqlite)
    assert "messages.payload #>> " in _sql(statement, postgresql)
