"""Live updates for the visitor's widget: staff and system messages, handoff status.

Server-sent events fed by polling the database (one query per second per open stream), so
any number of app workers agree without shared in-process state.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import ConversationNotFound
from assistant.db.models import Conversation, Message

PUSHED_SENDERS = ("staff", "system")


def _event(name: str, data: dict[str, object], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def conversation_events(
    sessions: async_sessionmaker[AsyncSession],
    conversation_id: str,
    after: int,
    *,
    poll_seconds: float = 1.0,
    max_seconds: float = 300.0,
    heartbeat_seconds: float = 15.0,
) -> AsyncIterator[str]:
    """Yields SSE frames until ``max_seconds`` (the browser's EventSource then reconnects)."""
    async with sessions() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            raise ConversationNotFound(conversation_id)
        status = conversation.status
    yield _event("status", {"status": status})
    waited = since_beat = 0.0
    while waited < max_seconds:
        frames: list[str] = []
        # Read, close the session, then send: a slow client never holds a transaction (on
        # SQLite every transaction takes the write lock, assistant/db/engine.py).
        async with sessions() as session:
            conversation = await session.get(Conversation, conversation_id)
            if conversation is None:
                return
            rows = await session.execute(
                select(Message)
                .where(
                    Message.conversation_id == conversation_id,
                    Message.id > after,
                    Message.sender.in_(PUSHED_SENDERS),
                )
                .order_by(Message.id)
            )
            for message in rows.scalars():
                after = message.id
                frames.append(
                    _event(
                        "message",
                        {
                            "id": message.id,
                            "sender": message.sender,
                            "text": message.text,
                            "created_at": message.created_at.isoformat(),
                        },
                        message.id,
                    )
                )
            if conversation.status != status:
                status = conversation.status
                frames.append(_event("status", {"status": status}))
        for frame in frames:
            yield frame
        await asyncio.sleep(poll_seconds)
        waited += poll_seconds
        since_beat += poll_seconds
        if since_beat >= heartbeat_seconds:
            since_beat = 0.0
            yield ": keep-alive\n\n"
