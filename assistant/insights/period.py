"""The period a report covers, in the Bureau's days, and the one before it to compare with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PRESETS = (7, 30, 90)  # the choices the page offers, in days
DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    """Whole days ``first`` .. ``last`` (inclusive) in the Bureau's time zone."""

    first: date
    last: date
    timezone: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def start(self) -> datetime:
        """The first instant, in UTC (as stored)."""
        return datetime.combine(self.first, time(), self.zone).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The instant after the last day, in UTC (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(), self.zone).astimezone(UTC)

    def previous(self) -> Period:
        """The period of the same length just before."""
        return Period(
            self.first - timedelta(days=self.days), self.first - timedelta(days=1), self.timezone
        )

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range(self.days)]

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


def today_in(timezone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone)).date()


def last_days(days: int, timezone: str, now: datetime | None = None) -> Period:
    """The ``days`` days ending today (included)."""
    last = today_in(timezone, now)
    return Period(last - timedelta(days=days - 1), last, timezone)


def choose_period(
    timezone: str,
    *,
    days: int | None = None,
    first: date | None = None,
    last: date | None = None,
    now: datetime | None = None,
) -> Period:
    """From the page's choice: a from–to range when both dates are given (swapped if reversed,
    at most MAX_DAYS), else the last ``days`` days (a preset, else DEFAULT_DAYS)."""
    if first is not None and last is not None:
        first, last = min(first, last), max(first, last)
        if (last - first).days >= MAX_DAYS:
            first = last - timedelta(days=MAX_DAYS - 1)
        return Period(first, last, timezone)
    return last_days(days if days in PRESETS else DEFAULT_DAYS, timezone, now)
