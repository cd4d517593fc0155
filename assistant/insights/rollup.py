"""Counts visitor turns into ``insights_turns`` (per Bureau day, language, outcome and
answering KB entry), reading ``messages`` from where the last roll-up stopped.

The dashboard reads these counts instead of scanning every message of a period: with 100,000
conversations a 90-day period holds ~150,000 turns, too many to group per request. The roll-up
runs before each report (it only reads what is new) and keeps the counts after the retention
purge deletes the messages (counts are not personal data).

A turn is counted once its reply had time to arrive (``GRACE``). Two processes rolling up at
once cannot count twice: the cursor moves by compare-and-set in the same transaction as the
counts, and the loser's transaction is rolled back.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.db.clock import as_utc
from assistant.db.insights_models import InsightsCursor, InsightsTurns
from assistant.db.models import Conversation, Message

CURSOR = "turns"
GRACE = timedelta(minutes=2)
BATCH = 20_000

Key = tuple[str, str, str, str]  # day, language, outcome, kb entry


class _Raced(Exception):
    """Another process moved the cursor first: this batch is rolled back."""


async def roll_up(
    sessions: async_sessionmaker[AsyncSession], timezone: str, now: datetime | None = None
) -> int:
    """Counts the turns stored since the last roll-up; how many were counted."""
    zone = ZoneInfo(timezone)
    before = (now or datetime.now(UTC)) - GRACE
    counted = 0
    while True:
        try:
            batch = await _batch(sessions, zone, before)
        except (_Raced, IntegrityError):
            return counted
        counted += batch
        if batch < BATCH:
            return counted


async def _batch(
    sessions: async_sessionmaker[AsyncSession], zone: ZoneInfo, before: datetime
) -> int:
    async with sessions() as session, session.begin():
        cursor = await session.get(InsightsCursor, CURSOR)
        if cursor is None:
            cursor = InsightsCursor(name=CURSOR, last_id=0)
            session.add(cursor)
            await session.flush()  # IntegrityError if another process just created it
        last = cursor.last_id
        language = func.coalesce(Message.payload["language"].as_string(), Conversation.language)
        outcome = func.coalesce(Message.outcome, Message.payload["outcome"].as_string())
        rows = (
            await session.execute(
                select(
                    Message.id,
                    Message.created_at,
                    language,
                    outcome,
                    Message.payload[("kb_entries", 0)].as_string(),
                )
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.sender == "visitor", Message.id > last, Message.created_at < before)
                .order_by(Message.id)
                .limit(BATCH)
            )
        ).all()
        if not rows:
            return 0
        counts: Counter[Key] = Counter()
        for _, created_at, lang, chat_outcome, entry in rows:
            day = as_utc(created_at).astimezone(zone).date().isoformat()
            answered = chat_outcome == "answer" and entry
            key = (
                day,
                "en" if lang == "en" else "fr",
                chat_outcome or "",
                entry if answered else "",
            )
            counts[key] += 1
        await _add(session, counts)
        moved = await session.execute(
            update(InsightsCursor)
            .where(InsightsCursor.name == CURSOR, InsightsCursor.last_id == last)
            .values(last_id=rows[-1][0])
        )
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            raise _Raced()
        return len(rows)


async def _add(session: AsyncSession, counts: Counter[Key]) -> None:
    days = {key[0] for key in counts}
    existing = {
        (row.day, row.language, row.outcome, row.kb_entry): row
        for row in (
            await session.execute(select(InsightsTurns).where(InsightsTurns.day.in_(days)))
        ).scalars()
    }
    for key, count in counts.items():
        row = existing.get(key)
        if row is None:
            day, language, outcome, entry = key
            session.add(
                InsightsTurns(
                    day=day, language=language, outcome=outcome, kb_entry=entry, turns=count
                )
            )
        else:
            row.turns += count
