"""Live updates for the visitor's widget: staff and system messages, handoff status.

Server-sent events. With a notifier (``assistant/events``) the stream sleeps until a write on
its conversation wakes it (from any app process), then reads the database: no query while
idle, and the database stays the truth. It also re-reads every ``poll_seconds`` (the fallback
for a lost notification). Without a notifier it polls every ``poll_seconds``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import ConversationNotFound
from assistant.db.models import Conversation, Message
from assistant.events import Notifier, Subscription, conversation_channel
from assistant.events.changes import PUSHED_SENDERS

__all__ = ["PUSHED_SENDERS", "conversation_events"]


def _event(name: str, data: dict[str, object], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def conversation_events(
    sessions: async_sessionmaker[AsyncSession],
    conversation_id: str,
    after: int,
    *,
    changes: Notifier | None = None,
    poll_seconds: float = 1.0,
    max_seconds: float = 300.0,
    heartbeat_seconds: float = 15.0,
) -> AsyncIterator[str]:
    """Yields SSE frames until ``max_seconds`` (the browser's EventSource then reconnects)."""
    # Subscribed before the first read: a write between the read and the wait still wakes us.
    subscription = changes.subscribe(conversation_channel(conversation_id)) if changes else None
    try:
        async with sessions() as session:
            conversation = await session.get(Conversation, conversation_id)
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            status = conversation.status
        yield _event("status", {"status": status})
        clock = asyncio.get_running_loop().time
        end = clock() + max_seconds
        next_beat = clock() + heartbeat_seconds
        while True:
            found = await _read(sessions, conversation_id, after, status)
            if found is None:
                return
            frames, after, status = found
            for frame in frames:
                yield frame
            next_read = clock() + poll_seconds
            while True:  # until woken, the fallback poll is due, or the stream's end
                now = clock()
                if now >= end:
                    return
                woke = await _sleep(subscription, min(next_read, next_beat, end) - now)
                if clock() >= next_beat:
                    next_beat = clock() + heartbeat_seconds
                    yield ": keep-alive\n\n"
                if woke or clock() >= next_read:
                    break
    finally:
        if subscription is not None:
            subscription.close()


async def _sleep(subscription: Subscription | None, seconds: float) -> bool:
    """True if a notification woke us before ``seconds``."""
    seconds = max(0.0, seconds)
    if subscription is None:
        await asyncio.sleep(seconds)
        return False
    return await subscription.wait(seconds)


async def _read(
    sessions: async_sessionmaker[AsyncSession], conversation_id: str, after: int, status: str
) -> tuple[list[str], int, str] | None:
    """The frames for what changed since ``after``/``status``; None if the conversation is
    gone (erased). Reads, closes the session, then the caller sends: a slow client never holds
    a transaction (on SQLite every transaction takes the write lock, assistant/db/engine.py)."""
    frames: list[str] = []
    async with sessions() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return None
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
            data: dict[str, object] = {
                "id": message.id,
                "sender": message.sender,
                "text": message.text,
                "created_at": message.created_at.isoformat(),
            }
            frames.append(_event("message", data, message.id))
        if conversation.status != status:
            status = conversation.status
            frames.append(_event("status", {"status": status}))
    return frames, after, status
