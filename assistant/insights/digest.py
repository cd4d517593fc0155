"""The weekly digest to the Bureau: last week's figures (Monday to Sunday, the Bureau's days)
compared with the week before, and the most frequent unanswered questions (masked by the
review inbox). Staged in the transactional outbox like every other email; at most one per week:
the app checks regularly and sends it once the week's sending time (Monday 08:00) has passed.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.i18n import t
from assistant.db.models import OutboxEmail
from assistant.insights.period import Period, today_in
from assistant.insights.report import Report, build_report
from assistant.insights.rollup import roll_up
from assistant.insights.tables import build_tables
from assistant.mail.outbox import enqueue

KIND = "digest"
SEND_WEEKDAY = 0  # Monday
SEND_AT = time(8, 0)  # the Bureau's time
TOP_QUESTIONS = 5


def sending_time(now: datetime, timezone: str) -> datetime:
    """This week's sending time (Monday 08:00 in the Bureau's time zone), in UTC."""
    today = today_in(timezone, now)
    monday = today - timedelta(days=(today.weekday() - SEND_WEEKDAY) % 7)
    return datetime.combine(monday, SEND_AT, ZoneInfo(timezone)).astimezone(UTC)


def last_week(now: datetime, timezone: str) -> Period:
    """Monday to Sunday before this week's sending time."""
    monday = sending_time(now, timezone).astimezone(ZoneInfo(timezone)).date()
    return Period(monday - timedelta(days=7), monday - timedelta(days=1), timezone)


def _part(report: Report, language: str, dashboard_url: str) -> str:
    tables = build_tables(report, language)
    lines = [t("insights.digest.intro", language), ""]
    summary = tables["summary"]
    width = max(len(str(row[0])) for row in summary.rows)
    header = summary.header
    lines.append(f"{'':{width}}  {header[1]} | {header[2]} | {header[3]}")
    for row in summary.rows:
        lines.append(f"{row[0]!s:{width}}  {row[1]} | {row[2]} | {row[3]}")
    lines += ["", t("insights.digest.unanswered", language)]
    groups = report.unanswered[:TOP_QUESTIONS]
    if not groups:
        lines.append("  " + t("insights.digest.no_unanswered", language))
    for number, group in enumerate(groups, 1):
        lines.append(f"  {number}. {group.text} ({group.language.upper()}, {group.occurrences})")
    lines += ["", t("insights.digest.more", language).format(url=dashboard_url)]
    return "\n".join(lines)


def digest_email(report: Report, dashboard_url: str) -> tuple[str, str]:
    """Subject and plain-text body, French then English."""
    first, last = report.period.first.isoformat(), report.period.last.isoformat()
    subject = " / ".join(
        t("insights.digest.subject", lang).format(first=first, last=last) for lang in ("fr", "en")
    )
    url = f"{dashboard_url}?from={first}&to={last}"
    body = "\n\n----\n\n".join(_part(report, lang, url) for lang in ("fr", "en"))
    return subject, body + "\n"


async def _sent_since(session: AsyncSession, moment: datetime) -> bool:
    found = await session.execute(
        select(OutboxEmail.id)
        .where(OutboxEmail.kind == KIND, OutboxEmail.created_at >= moment)
        .limit(1)
    )
    return found.first() is not None


async def send_weekly_digest(
    sessions: async_sessionmaker[AsyncSession],
    *,
    to: str,
    timezone: str,
    group_threshold: float,
    dashboard_url: str,
    now: datetime | None = None,
) -> bool:
    """Stages last week's digest unless this week's was already staged; True if staged."""
    now = now or datetime.now(UTC)
    due = sending_time(now, timezone)
    if now < due:
        return False
    async with sessions() as session:
        if await _sent_since(session, due):
            return False
    await roll_up(sessions, timezone, now)
    report = await build_report(sessions, last_week(now, timezone), group_threshold)
    subject, body = digest_email(report, dashboard_url)
    async with sessions() as session, session.begin():
        if await _sent_since(session, due):  # another process was quicker
            return False
        enqueue(session, to=to, subject=subject, body=body, kind=KIND, case_id=None)
    return True
