"""The Insights service: a report for a chosen period, and the weekly digest. Created once at
startup (``assistant/services.py``); settings are read at each call."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.insights.period import Period, choose_period
from assistant.insights.report import Report, build_report
from assistant.insights.rollup import roll_up


class InsightsService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    def period(
        self,
        *,
        days: int | None = None,
        first: date | None = None,
        last: date | None = None,
        now: datetime | None = None,
    ) -> Period:
        """The period the page asked for, in the Bureau's days."""
        return choose_period(
            self._settings.bureau_timezone, days=days, first=first, last=last, now=now
        )

    async def report(self, period: Period) -> Report:
        """The report, after counting the turns stored since the last one (``rollup.py``)."""
        await roll_up(self._sessions, self._settings.bureau_timezone)
        return await build_report(self._sessions, period, self._settings.inbox_group_threshold)
