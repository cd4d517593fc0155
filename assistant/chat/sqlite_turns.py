"""``TurnStore`` on SQLite: the same two transactions and rows, each run as one call in the
connection's thread (``assistant/db/sqlite_thread.py``) with ``sqlite3`` statements.

Times and JSON go through the SQLAlchemy column types' own converters, so the rows read back
through the models exactly as if the ORM had written them (``tests/chat/test_turn_store.py``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from assistant.chat.schemas import ChatRequest, ChatResponse
from assistant.chat.turn_store import OpenedTurn, TurnStore, bot_rows, new_conversation_id
from assistant.core.errors import ConversationNotFound
from assistant.db.clock import utcnow
from assistant.db.models import Message
from assistant.db.sqlite_thread import run_in_connection_thread

_FIND = (
    "SELECT c.status, c.language, c.visitor_timezone, m.id, m.payload, m.created_at"
    " FROM conversations AS c LEFT JOIN messages AS m"
    " ON m.conversation_id = c.id AND m.client_message_id = ?"
    " WHERE c.id = ?"
)
_NEW_CONVERSATION = (
    "INSERT INTO conversations (id, language, status, visitor_timezone, created_at, updated_at)"
    " VALUES (?, ?, 'bot', ?, ?, ?)"
)
_TIMEZONE = "UPDATE conversations SET visitor_timezone = ?, updated_at = ? WHERE id = ?"
_LANGUAGE = (
    "UPDATE conversations SET language = ?, updated_at = ? WHERE id = ? AND language IS NOT ?"
)
_VISITOR_MESSAGE = (
    "INSERT INTO messages (conversation_id, sender, text, client_message_id, created_at)"
    " VALUES (?, 'visitor', ?, ?, ?)"
)
_BOT_MESSAGE = (
    "INSERT INTO messages (conversation_id, sender, text, outcome, payload, created_at)"
    " VALUES (?, 'bot', ?, ?, ?, ?)"
)
_REPLY = "UPDATE messages SET payload = ?, outcome = ? WHERE id = ?"


@dataclass(frozen=True)
class _Converters:
    """The SQLAlchemy types' conversions for this dialect (``DateTime``, ``JSON``)."""

    time_in: Any
    time_out: Any
    json_in: Any
    json_out: Any

    @classmethod
    def of(cls, engine: AsyncEngine) -> _Converters:
        dialect, columns = engine.dialect, Message.__table__.c
        time = columns.created_at.type.dialect_impl(dialect)
        json = columns.payload.type.dialect_impl(dialect)
        return cls(
            time.bind_processor(dialect),
            time.result_processor(dialect, None),
            json.bind_processor(dialect),
            json.result_processor(dialect, None),
        )


class SqliteTurnStore(TurnStore):
    def __init__(self, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(sessions)
        self._engine = engine
        self._convert = _Converters.of(engine)

    async def open(self, request: ChatRequest) -> OpenedTurn:
        return await run_in_connection_thread(self._engine, lambda db: self._open(db, request))

    async def close(self, turn: OpenedTurn, reply: ChatResponse) -> None:
        rows = bot_rows(reply)
        record = reply.model_dump()
        await run_in_connection_thread(
            self._engine, lambda db: self._close(db, turn, reply, rows, record)
        )

    def _open(self, db: sqlite3.Connection, request: ChatRequest) -> OpenedTurn:
        convert, now = self._convert, utcnow()
        stamp = convert.time_in(now)
        conversation_id = request.conversation_id
        if not conversation_id:
            conversation_id, language = new_conversation_id(), request.language or "fr"
            db.execute(
                _NEW_CONVERSATION, (conversation_id, language, request.timezone, stamp, stamp)
            )
            opened = OpenedTurn(conversation_id, "bot", language, message_id=0, stored_at=now)
        else:
            found = db.execute(_FIND, (request.client_message_id, conversation_id)).fetchone()
            if found is None:
                raise ConversationNotFound(conversation_id)
            status, language, timezone, message_id, payload, stored_at = found
            opened = OpenedTurn(
                conversation_id, status or "bot", language or "fr", message_id=0, stored_at=now
            )
            if message_id is not None:  # stored by an earlier attempt
                opened.message_id, opened.stored_at = message_id, convert.time_out(stored_at)
                opened.reply, opened.retried = convert.json_out(payload), True
                if opened.reply is not None:
                    return opened
            if request.timezone and request.timezone != timezone:
                db.execute(_TIMEZONE, (request.timezone, stamp, conversation_id))
        if not opened.retried:
            values = (conversation_id, request.text, request.client_message_id, stamp)
            try:
                opened.message_id = db.execute(_VISITOR_MESSAGE, values).lastrowid or 0
            except sqlite3.IntegrityError as error:  # only if another process shares the file
                raise IntegrityError(_VISITOR_MESSAGE, None, error) from error
        return opened

    def _close(
        self,
        db: sqlite3.Connection,
        turn: OpenedTurn,
        reply: ChatResponse,
        rows: list[dict[str, Any]],
        record: dict[str, Any],
    ) -> None:
        convert = self._convert
        stamp = convert.time_in(utcnow())
        db.execute(_LANGUAGE, (reply.language, stamp, turn.conversation_id, reply.language))
        json = convert.json_in
        messages = [
            (turn.conversation_id, row["text"], row["outcome"], json(row["payload"]), stamp)
            for row in rows
        ]
        db.executemany(_BOT_MESSAGE, messages)
        db.execute(_REPLY, (json(record), reply.outcome, turn.message_id))
