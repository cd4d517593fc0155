"""Abuse limits on the public chat: how much one client address, one conversation or one
recipient address may ask for in a window, with the ``limits`` library (moving window).

Counters live in memory (one app process) unless ``ASSISTANT_REDIS_URL`` names a Redis
server; limits come from ``Settings`` (``limit_*``, "20/minute" strings). The client address
is the direct peer's: ``X-Forwarded-For`` is not trusted here. A conversation remembers the
address it last wrote from, so an escalation (created by a Rasa action, which knows only the
conversation) counts against the visitor's address too.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections import OrderedDict
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from assistant.core.config import Settings
from assistant.core.errors import AssistantError

_REMEMBERED_CONVERSATIONS = 10_000  # conversation -> address, newest kept


class RateLimited(AssistantError):
    """Too many requests of one kind from this client, conversation or for this address."""

    code = "rate_limited"

    def __init__(self, retry_after: int, *, language: str | None = None) -> None:
        super().__init__(f"retry after {retry_after} s", language=language)
        self.retry_after = retry_after


class MessagesLimited(RateLimited):
    """Too many messages from this client address or in this conversation."""

    code = "too_many_messages"


class ConversationsLimited(RateLimited):
    """Too many new conversations from this client address."""

    code = "too_many_conversations"


class EscalationsLimited(RateLimited):
    """Too many cases created from this conversation or client address."""

    code = "too_many_escalations"


class StreamsLimited(RateLimited):
    """Too many live event streams opened for this conversation or from this address."""

    code = "too_many_streams"


@dataclass(frozen=True)
class _Check:
    limit: RateLimitItem
    key: tuple[str, ...]
    error: type[RateLimited]


def storage_uri(redis_url: str) -> str:
    """The ``limits`` storage for the app's event loop: Redis when configured, else memory."""
    if not redis_url:
        return "async+memory://"
    return redis_url if redis_url.startswith("async+") else f"async+{redis_url}"


def _async_storage(uri: str) -> Storage:
    # Redis through redis-py (the ``redis`` package; limits' default would need coredis)
    options = {"implementation": "redispy"} if uri.startswith("async+redis") else {}
    storage = storage_from_string(uri, **options)
    if not isinstance(storage, Storage):
        raise ValueError(f"not an asynchronous limits storage: {uri.split('://')[0]}")
    return storage


class AbuseLimits:
    """Created once at startup (``Services.start``); every check is awaited by a service."""

    def __init__(self, settings: Settings, storage: Storage | None = None) -> None:
        self.enabled = settings.rate_limits
        self._storage = storage or _async_storage(storage_uri(settings.redis_url))
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._pepper = settings.secret_key.encode()  # always set: Settings generates it
        self._limits = {
            "messages_conversation": parse(settings.limit_messages_per_conversation),
            "messages_address": parse(settings.limit_messages_per_address),
            "conversations_address": parse(settings.limit_conversations_per_address),
            "escalations_conversation": parse(settings.limit_escalations_per_conversation),
            "escalations_address": parse(settings.limit_escalations_per_address),
            "acknowledgements_recipient": parse(settings.limit_acknowledgements_per_recipient),
            "streams_conversation": parse(settings.limit_event_streams_per_conversation),
            "streams_address": parse(settings.limit_event_streams_per_address),
        }
        self._addresses: OrderedDict[str, str] = OrderedDict()

    # --- what the services ask --------------------------------------------------------------
    async def message(
        self, conversation_id: str | None, address: str | None, language: str | None = None
    ) -> None:
        """A visitor message; without a conversation id it also starts a conversation."""
        if conversation_id:
            first = self._check("messages_conversation", conversation_id, MessagesLimited)
        else:
            first = self._check("conversations_address", address, ConversationsLimited)
        await self._hit([first, self._check("messages_address", address, MessagesLimited)], language)

    async def escalation(self, conversation_id: str | None, language: str | None = None) -> None:
        """A case about to be created from ``conversation_id`` (and the address it wrote from)."""
        address = self._addresses.get(conversation_id) if conversation_id else None
        checks = [
            self._check("escalations_conversation", conversation_id, EscalationsLimited),
            self._check("escalations_address", address, EscalationsLimited),
        ]
        await self._hit(checks, language)

    async def acknowledgement(self, recipient: str) -> bool:
        """True if the visitor's copy may go to ``recipient`` (counted), False over the limit."""
        # counted under a keyed digest: the address itself is never kept by the limiter
        # (in memory or in Redis, for the limit's whole window)
        address = recipient.strip().casefold().encode()
        key = hmac.new(self._pepper, address, hashlib.sha256).hexdigest()
        try:
            await self._hit([self._check("acknowledgements_recipient", key, RateLimited)], None)
        except RateLimited:
            return False
        return True

    async def event_stream(
        self, conversation_id: str, address: str | None, language: str | None = None
    ) -> None:
        """A live event stream about to open for ``conversation_id``."""
        checks = [
            self._check("streams_conversation", conversation_id, StreamsLimited),
            self._check("streams_address", address, StreamsLimited),
        ]
        await self._hit(checks, language)

    async def remember(self, conversation_id: str, address: str | None, *, started: bool) -> None:
        """The address ``conversation_id`` last wrote from (for its escalations); a conversation
        just ``started`` counts its first message against its own limit too."""
        if started and self.enabled:
            limit = self._limits["messages_conversation"]
            await self._limiter.hit(limit, "messages_conversation", conversation_id)
        if not address:
            return
        self._addresses[conversation_id] = address
        self._addresses.move_to_end(conversation_id)
        while len(self._addresses) > _REMEMBERED_CONVERSATIONS:
            self._addresses.popitem(last=False)

    async def aclose(self) -> None:
        timer = getattr(self._storage, "timer", None)  # the in-memory storage's expiry task
        if timer is not None:
            timer.cancel()

    # --- the counting ---------------------------------------------------------------------
    def _check(self, name: str, value: str | None, error: type[RateLimited]) -> _Check | None:
        return _Check(self._limits[name], (name, value), error) if value else None

    async def _hit(self, checks: list[_Check | None], language: str | None) -> None:
        """Counts each check in turn; the first over its limit raises its error, which says
        when to retry (a refused request is not counted against that limit)."""
        if not self.enabled:
            return
        for check in checks:
            if check is None:
                continue
            if not await self._limiter.hit(check.limit, *check.key):
                stats = await self._limiter.get_window_stats(check.limit, *check.key)
                retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                raise check.error(retry_after, language=language)
