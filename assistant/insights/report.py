"""One report: every aggregate of a period, and the previous period's totals to compare with.
The page, the CSV exports and the weekly digest all read this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.inbox.grouping import group_items
from assistant.insights import queries
from assistant.insights.outcomes import OUTCOMES, answer_rate
from assistant.insights.period import Period
from assistant.insights.privacy import shown
from assistant.insights.queries import CaseDurations, DayCounts, EntryCounts

LANGUAGES = ("fr", "en")
TOP = 10  # rows in the "most asked" and "unanswered" lists


@dataclass(frozen=True)
class Totals:
    conversations: int
    messages: int
    outcomes: dict[str, int]
    cases: int

    @property
    def answer_rate(self) -> float | None:
        return answer_rate(self.outcomes)


@dataclass(frozen=True)
class Group:
    """A group of similar unanswered questions (as the review inbox groups them)."""

    text: str  # the representative question, masked
    language: str
    reasons: tuple[str, ...]
    occurrences: int  # pending, i.e. since the last review
    wordings: int
    item_ids: tuple[int, ...]


@dataclass(frozen=True)
class Report:
    period: Period
    conversations: DayCounts  # language -> day -> count
    messages: DayCounts  # language -> day -> count
    outcomes: DayCounts  # dashboard outcome -> day -> count
    entries: list[EntryCounts]
    unanswered: list[Group]
    audiences: dict[str, int]
    reasons: dict[str, int]
    countries: dict[str, int | None]  # None: fewer than K (shown "< 5"); OTHER: the rest
    durations: CaseDurations
    regions: dict[str, int | None]  # None: fewer than K
    totals: Totals
    previous: Totals

    @property
    def days(self) -> list[date]:
        return self.period.each_day()


def _sum(counts: DayCounts) -> int:
    return sum(sum(days.values()) for days in counts.values())


def _by_name(counts: DayCounts) -> dict[str, int]:
    return {name: sum(days.values()) for name, days in counts.items()}


OTHER = "__other__"  # the countries typed by fewer than K visitors each, together


def _anonymised(counts: dict[str, int]) -> dict[str, int | None]:
    """Largest first; every count below K hidden (the "unknown" row too)."""
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {key: shown(count) for key, count in ordered}


def _countries(counts: dict[str, int]) -> dict[str, int | None]:
    """Typed text is never shown unless K visitors typed it: the rarer countries become one
    row (its count hidden too if below K)."""
    common = {key: count for key, count in counts.items() if shown(count) is not None}
    rare = sum(count for count in counts.values() if shown(count) is None)
    result = _anonymised(common)
    if rare:
        result[OTHER] = shown(rare)
    return result


async def _totals(session: AsyncSession, period: Period) -> Totals:
    return Totals(
        conversations=await queries.conversations_count(session, period),
        messages=_sum(await queries.messages_by_day(session, period)),
        outcomes=_by_name(await queries.outcomes_by_day(session, period)),
        cases=sum((await queries.cases_by(session, period, "audience")).values()),
    )


def _groups(items: list, threshold: float) -> list[Group]:  # type: ignore[type-arg]
    groups = []
    for members in group_items(items, threshold):
        first = members[0]
        groups.append(
            Group(
                text=first.text,
                language=first.language,
                reasons=tuple(sorted({m.reason for m in members})),
                occurrences=sum(m.pending for m in members),
                wordings=len(members),
                item_ids=tuple(m.id for m in members),
            )
        )
    groups.sort(key=lambda g: (-g.occurrences, g.item_ids[0]))
    return groups[:TOP]


async def build_report(
    sessions: async_sessionmaker[AsyncSession], period: Period, group_threshold: float
) -> Report:
    """Every aggregate of ``period`` (``group_threshold``: the inbox's grouping similarity)."""
    async with sessions() as session:
        conversations = await queries.conversations_by_day(session, period)
        messages = await queries.messages_by_day(session, period)
        outcomes = await queries.outcomes_by_day(session, period)
        audiences = await queries.cases_by(session, period, "audience")
        items = await queries.unanswered_items(session, period)
        report = Report(
            period=period,
            conversations=conversations,
            messages=messages,
            outcomes=outcomes,
            entries=await queries.kb_entries(session, period, TOP),
            unanswered=_groups(items, group_threshold),
            audiences=dict(sorted(audiences.items(), key=lambda kv: (-kv[1], kv[0]))),
            reasons=dict(
                sorted(
                    (await queries.cases_by(session, period, "reason")).items(),
                    key=lambda kv: (-kv[1], kv[0]),
                )
            ),
            countries=_countries(await queries.cases_by(session, period, "country")),
            durations=await queries.case_durations(session, period),
            regions=_anonymised(await queries.regions(session, period)),
            totals=Totals(
                conversations=_sum(conversations),
                messages=_sum(messages),
                outcomes={name: _by_name(outcomes).get(name, 0) for name in OUTCOMES},
                cases=sum(audiences.values()),
            ),
            previous=await _totals(session, period.previous()),
        )
    return report
