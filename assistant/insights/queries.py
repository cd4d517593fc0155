"""The dashboard's aggregates, each one SQL query (SQLAlchemy Core; SQLite and PostgreSQL).

Turns (messages, outcomes, KB entries) are read from the roll-up's daily counts
(``rollup.py``); conversations, cases and votes from their tables, grouped by UTC hour in SQL
and folded into the Bureau's days here (``sql.py``).
Nothing read here names a person: counts by day, language, outcome, KB entry, audience, reason,
typed country (normalised, k-anonymised by the caller), time zone (folded into regions), and
the durations between a case's creation, claim and closing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import ColumnElement

from assistant.db.clock import as_utc
from assistant.db.inbox_models import InboxItem
from assistant.db.insights_models import InsightsTurns
from assistant.db.models import Case, Conversation, Feedback
from assistant.insights.outcomes import CHAT_OUTCOMES, outcome_of
from assistant.insights.period import Period
from assistant.insights.regions import region_of
from assistant.insights.sql import hour_of, parse_hour

DayCounts = dict[str, dict[date, int]]  # series name -> day -> count


def _in(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column < period.end)


def _fold(period: Period, rows: object) -> DayCounts:
    """(utc hour, key, count) rows -> key -> local day -> count."""
    counts: DayCounts = {}
    for hour, key, count in rows:  # type: ignore[attr-defined]
        day = period.local_day(parse_hour(hour))
        series = counts.setdefault(str(key), {})
        series[day] = series.get(day, 0) + int(count)
    return counts


async def conversations_by_day(session: AsyncSession, period: Period) -> DayCounts:
    """Conversations started per day, by language."""
    hour = hour_of(Conversation.created_at)
    query = (
        select(hour, Conversation.language, func.count())
        .where(_in(Conversation.created_at, period))
        .group_by(hour, Conversation.language)
    )
    return _fold(period, await session.execute(query))


async def conversations_count(session: AsyncSession, period: Period) -> int:
    """Conversations started in the period (the previous period's total)."""
    query = select(func.count()).where(_in(Conversation.created_at, period))
    return int((await session.execute(query)).scalar_one())


def _days(period: Period) -> ColumnElement[bool]:
    first, last = period.first.isoformat(), period.last.isoformat()
    return and_(InsightsTurns.day >= first, InsightsTurns.day <= last)


async def messages_by_day(session: AsyncSession, period: Period) -> DayCounts:
    """Visitor messages per day, by the language of the reply they got (else the
    conversation's), from the roll-up (``rollup.py``)."""
    query = (
        select(InsightsTurns.day, InsightsTurns.language, func.sum(InsightsTurns.turns))
        .where(_days(period))
        .group_by(InsightsTurns.day, InsightsTurns.language)
    )
    counts: DayCounts = {}
    for day, language, turns in await session.execute(query):
        counts.setdefault(str(language), {})[date.fromisoformat(day)] = int(turns)
    return counts


async def outcomes_by_day(session: AsyncSession, period: Period) -> DayCounts:
    """Counted turns per day, by dashboard outcome (``outcomes.py``), from the roll-up."""
    query = (
        select(InsightsTurns.day, InsightsTurns.outcome, func.sum(InsightsTurns.turns))
        .where(_days(period), InsightsTurns.outcome.in_(CHAT_OUTCOMES))
        .group_by(InsightsTurns.day, InsightsTurns.outcome)
    )
    counts: DayCounts = {}
    for day, chat_outcome, turns in await session.execute(query):
        series = counts.setdefault(outcome_of(chat_outcome) or "", {})
        series[date.fromisoformat(day)] = series.get(date.fromisoformat(day), 0) + int(turns)
    return counts


@dataclass(frozen=True)
class EntryCounts:
    entry_id: str
    asked: int  # turns it answered
    up: int
    down: int


async def kb_entries(session: AsyncSession, period: Period, limit: int = 10) -> list[EntryCounts]:
    """The entries that answered the most turns, with the 👍/👎 they got in the period."""
    asked_rows = await session.execute(
        select(InsightsTurns.kb_entry, func.sum(InsightsTurns.turns).label("asked"))
        .where(_days(period), InsightsTurns.kb_entry != "")
        .group_by(InsightsTurns.kb_entry)
        .order_by(func.sum(InsightsTurns.turns).desc(), InsightsTurns.kb_entry)
        .limit(limit)
    )
    asked = [(str(e), int(c)) for e, c in asked_rows]
    votes: Counter[tuple[str, str]] = Counter()
    if asked:
        vote_rows = await session.execute(
            select(Feedback.kb_entry, Feedback.value, func.count())
            .where(
                _in(Feedback.created_at, period),
                Feedback.kb_entry.in_([e for e, _ in asked]),
            )
            .group_by(Feedback.kb_entry, Feedback.value)
        )
        votes.update({(str(e), str(v)): int(c) for e, v, c in vote_rows})
    return [EntryCounts(e, c, votes[(e, "up")], votes[(e, "down")]) for e, c in asked]


async def cases_by(session: AsyncSession, period: Period, what: str) -> dict[str, int]:
    """Cases created in the period by ``audience``, ``reason`` or ``country`` (the text typed
    in the form, trimmed and lower-cased; the caller hides small counts)."""
    if what == "country":
        key = func.lower(func.trim(func.coalesce(Case.country, "")))
    else:
        key = getattr(Case, what)
    rows = await session.execute(
        select(key, func.count()).where(_in(Case.created_at, period)).group_by(key)
    )
    return {str(k or ""): int(c) for k, c in rows}


@dataclass(frozen=True)
class CaseDurations:
    claim_seconds: list[float]  # created -> claimed, for claimed cases
    close_seconds: list[float]  # created -> closed, for closed cases


async def case_durations(session: AsyncSession, period: Period) -> CaseDurations:
    rows = await session.execute(
        select(Case.created_at, Case.claimed_at, Case.closed_at).where(_in(Case.created_at, period))
    )
    claim: list[float] = []
    close: list[float] = []
    for created, claimed, closed in rows:
        if claimed is not None:
            claim.append(_seconds(created, claimed))
        if closed is not None:
            close.append(_seconds(created, closed))
    return CaseDurations(sorted(claim), sorted(close))


def _seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (as_utc(end) - as_utc(start)).total_seconds())


async def regions(session: AsyncSession, period: Period) -> dict[str, int]:
    """Conversations by the region of the browser's time zone (the caller hides small
    counts)."""
    rows = await session.execute(
        select(Conversation.visitor_timezone, func.count())
        .where(_in(Conversation.created_at, period))
        .group_by(Conversation.visitor_timezone)
    )
    counts: Counter[str] = Counter()
    for zone, count in rows:
        counts[region_of(zone)] += int(count)
    return dict(counts)


async def unanswered_items(
    session: AsyncSession, period: Period, limit: int = 200
) -> list[InboxItem]:
    """The open review-inbox items seen in the period, most pending occurrences first (their
    text is masked by the inbox; ``report.py`` groups them as the inbox does)."""
    rows = await session.execute(
        select(InboxItem)
        .where(InboxItem.status == "open", _in(InboxItem.last_seen, period))
        .order_by(InboxItem.pending.desc(), InboxItem.last_seen.desc(), InboxItem.id)
        .limit(limit)
    )
    return list(rows.scalars())


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of sorted ``values``; None when empty."""
    if not values:
        return None
    return values[max(1, math.ceil(len(values) * fraction)) - 1]
