"""Live updates for the staff queue page: a ``cases`` event whenever a case is created or
changes (claim, reply, status), from any app process (``assistant/events``).

The event carries no data: the page then reads ``GET /api/staff/cases`` (which checks the
session and role again). The page keeps a periodic refresh as the fallback.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from assistant.events import CASES, Notifier

CHANGED = "event: cases\ndata: {}\n\n"


async def queue_events(
    changes: Notifier, *, max_seconds: float = 300.0, heartbeat_seconds: float = 15.0
) -> AsyncIterator[str]:
    """Yields SSE frames until ``max_seconds`` (the browser's EventSource then reconnects,
    which signs the stream in again)."""
    subscription = changes.subscribe(CASES)
    try:
        yield "retry: 3000\n\n"  # reconnect after 3 s if the connection drops
        clock = asyncio.get_running_loop().time
        end = clock() + max_seconds
        while (left := end - clock()) > 0:
            if await subscription.wait(min(heartbeat_seconds, left)):
                yield CHANGED
            else:
                yield ": keep-alive\n\n"
    finally:
        subscription.close()
