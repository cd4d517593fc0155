"""One visitor turn at a time per ``client_message_id``: identical requests sent at once (a
double click, the widget's retry while the first is still waiting on Rasa) queue behind the
first, then get the reply it stored instead of asking Rasa again.

In-process (the app runs one process); across processes the messages table's unique
``(conversation_id, client_message_id)`` still refuses a second insert (``chat/service.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

Key = tuple[str, str]


class TurnLocks:
    def __init__(self) -> None:
        self._locks: dict[Key, asyncio.Lock] = {}
        self._holders: dict[Key, int] = {}

    @asynccontextmanager
    async def hold(self, conversation_id: str, client_message_id: str) -> AsyncIterator[None]:
        key = (conversation_id, client_message_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:  # nobody waits: forget it (the dict stays small)
                del self._holders[key], self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)
