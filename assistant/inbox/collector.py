"""Turns failures into inbox items: mask, then count per (language, reason, wording).

Runs each time the inbox is read (cheap: a cursor over ``messages``, and the 👎 votes and
cases not counted yet). Every source row is counted once (``inbox_occurrences`` has a unique
``(source, source_id)``), so two collectors at once cannot double-count: the loser's
transaction fails and it simply reads the result.

Review states: a dismissed (or resolved) item stays out of the inbox when rows already
counted are read again; a *new* occurrence of the same wording reopens it, counting only the
occurrences since the review (``pending``).
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.db.clock import as_utc
from assistant.db.inbox_models import InboxCursor, InboxItem, InboxOccurrence
from assistant.inbox.masking import mask
from assistant.inbox.sources import (
    Failure,
    escalations,
    failed_turns,
    names_given,
    thumbs_down,
)
from assistant.kb.retriever import Retriever

TEXT_MAX = 1000  # a question longer than this is cut (the inbox is for questions, not letters)
CANDIDATES_MAX = 5


def normalized(text: str) -> str:
    """The wording that identifies an item: case, spacing and end punctuation ignored."""
    return " ".join(text.casefold().split()).rstrip(" ?!.…")


def item_key(language: str, reason: str, text: str) -> str:
    return hashlib.sha256(f"{language}|{reason}|{normalized(text)}".encode()).hexdigest()


def masked_text(failure: Failure, known_names: tuple[str, ...] = ()) -> str:
    text = mask(failure.text, failure.language, (*failure.known_names, *known_names))
    text = " ".join(text.split())
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


class Collector:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        retriever: Retriever | None,
        in_scope_threshold: float,
    ) -> None:
        self._sessions = sessions
        self._retriever = retriever
        self._in_scope_threshold = in_scope_threshold

    async def collect(self) -> int:
        """Reads new failures into the inbox; returns how many occurrences were counted."""
        for attempt in range(3):
            try:
                return await self._collect_once()
            except IntegrityError:  # another collector counted the same rows first
                if attempt == 2:
                    raise
                await asyncio.sleep(0.05 * (attempt + 1))
        return 0

    async def _collect_once(self) -> int:
        async with self._sessions() as session, session.begin():
            cursor = await session.get(InboxCursor, "message")
            if cursor is None:
                cursor = InboxCursor(source="message", last_id=0)
                session.add(cursor)
            turns, cursor.last_id = await failed_turns(session, cursor.last_id, datetime.now(UTC))
            failures = [
                *await self._looking_in_scope(turns),
                *await thumbs_down(session),
                *await escalations(session),
            ]
            if not failures:
                return 0
            names = await names_given(session, (f.conversation_id for f in failures))
            counted = 0
            for failure in failures:
                known = names.get(failure.conversation_id or "", ())
                if await self._record(session, failure, masked_text(failure, known)):
                    counted += 1
            return counted

    async def _looking_in_scope(self, failures: list[Failure]) -> list[Failure]:
        """Out-of-scope questions only when the KB has something close (they look in scope);
        their close entries become the candidates. Without the KB, none are kept."""
        kept: list[Failure] = []
        for failure in failures:
            if failure.reason != "out_of_scope":
                kept.append(failure)
                continue
            if self._retriever is None:
                continue
            found = await asyncio.to_thread(self._retriever.search, failure.text, 3)
            close = [c for c in found if c.score >= self._in_scope_threshold]
            if close:
                kept.append(replace(failure, candidates=tuple(c.entry.id for c in close)))
        return kept

    async def _record(self, session: AsyncSession, failure: Failure, text: str) -> bool:
        if not normalized(text):
            return False
        already = await session.scalar(
            select(InboxOccurrence.id).where(
                InboxOccurrence.source == failure.source,
                InboxOccurrence.source_id == failure.source_id,
            )
        )
        if already is not None:
            return False
        key = item_key(failure.language, failure.reason, text)
        item = await session.scalar(select(InboxItem).where(InboxItem.key == key))
        if item is None:
            item = InboxItem(
                key=key,
                text=text,
                language=failure.language,
                reason=failure.reason,
                status="open",
                count=0,
                pending=0,
                candidates=[],
                first_seen=failure.occurred_at,
                last_seen=failure.occurred_at,
            )
            session.add(item)
            await session.flush()
        item.count += 1
        reviewed = item.reviewed_at is not None and failure.occurred_at <= as_utc(item.reviewed_at)
        if item.status != "open" and not reviewed:
            item.status = "open"  # a new occurrence after a review: back in the inbox
            item.pending = 0
        if not reviewed:
            item.pending += 1
        item.last_seen = max(as_utc(item.last_seen), failure.occurred_at)
        merged = list(dict.fromkeys([*(item.candidates or []), *failure.candidates]))
        item.candidates = merged[:CANDIDATES_MAX]
        session.add(
            InboxOccurrence(
                source=failure.source,
                source_id=failure.source_id,
                item_id=item.id,
                occurred_at=failure.occurred_at,
            )
        )
        return True
