"""The in-process notifier: ``publish(channel, payload)`` wakes every ``subscribe(channel)``.

A subscription is a small bounded queue: a burst of notifications that overflows it loses
nothing, since a subscriber only learns that it must read the database again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session

RESYNC = "*resync"  # payload sent to every subscriber when notifications may have been missed
_PENDING = "assistant.events.pending"  # session.info key: notifications awaiting the commit


class Subscription:
    """``async for payload in subscription`` or ``await subscription.wait(timeout)``;
    ``close()`` (or ``async with``) unsubscribes."""

    def __init__(self, channel: str, on_close: Callable[[Subscription], None]) -> None:
        self.channel = channel
        self._queue: asyncio.Queue[str] = asyncio.Queue(maxsize=64)
        self._on_close = on_close

    def deliver(self, payload: str) -> None:
        # Full: a wake-up is already pending, and the subscriber re-reads everything anyway.
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(payload)

    async def wait(self, timeout: float | None) -> bool:
        """True when woken by a notification (all pending ones consumed), False on timeout."""
        try:
            await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return False
        while not self._queue.empty():
            self._queue.get_nowait()
        return True

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> str:
        return await self._queue.get()

    def close(self) -> None:
        self._on_close(self)

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class Notifier:
    """In-process broadcast (SQLite, tests). Subclasses carry notifications across processes."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}

    async def start(self) -> None:
        """Nothing to connect in-process."""

    async def aclose(self) -> None:
        """Nothing to disconnect in-process."""

    def subscribe(self, channel: str) -> Subscription:
        subscription = Subscription(channel, self._unsubscribe)
        self._subscribers.setdefault(channel, set()).add(subscription)
        return subscription

    async def publish(self, channel: str, payload: str = "") -> None:
        """Notify now (outside any transaction: what it announces must be committed)."""
        self.dispatch(channel, payload)

    def stage(self, session: Session, channel: str, payload: str = "") -> None:
        """Notify when ``session``'s transaction commits (dropped on rollback). Called from
        the flush hook of ``changes.py``."""
        session.info.setdefault(_PENDING, set()).add((channel, payload))

    def committed(self, session: Session) -> None:
        for channel, payload in session.info.pop(_PENDING, ()):
            self.dispatch(channel, payload)

    @staticmethod
    def rolled_back(session: Session) -> None:
        session.info.pop(_PENDING, None)

    def dispatch(self, channel: str, payload: str) -> None:
        for subscription in tuple(self._subscribers.get(channel, ())):
            subscription.deliver(payload)

    def resync(self) -> None:
        """Wake every subscriber (after notifications may have been lost)."""
        for subscriptions in tuple(self._subscribers.values()):
            for subscription in tuple(subscriptions):
                subscription.deliver(RESYNC)

    def _unsubscribe(self, subscription: Subscription) -> None:
        subscriptions = self._subscribers.get(subscription.channel)
        if subscriptions is not None:
            subscriptions.discard(subscription)
            if not subscriptions:
                del self._subscribers[subscription.channel]
