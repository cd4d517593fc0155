"""The Bureau's office hours, shown in the visitor's own time zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.core.config import Settings
from assistant.core.i18n import t
from assistant.db.models import Case

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_DAY_NAMES = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_HOURS = re.compile(r"^(\w{3})-(\w{3}) (\d\d):(\d\d)-(\d\d):(\d\d)$")


def _zone(name: str | None, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or fallback)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


def office_hours_text(
    settings: Settings,
    visitor_timezone: str | None,
    language: str,
    *,
    today: datetime | None = None,
) -> str:
    """E.g. "lundi–vendredi, 14 h 30 – 22 h 30 (heure de Europe/Paris)"."""
    match = _HOURS.match(settings.office_hours)
    if not match:
        return settings.office_hours
    first, last = _DAYS.index(match[1]), _DAYS.index(match[2])
    bureau = ZoneInfo(settings.bureau_timezone)
    visitor = _zone(visitor_timezone, settings.bureau_timezone)
    day = (today or datetime.now(UTC)).astimezone(bureau).date()
    day += timedelta(days=(first - day.weekday()) % 7)  # next opening day, for today's UTC offsets
    opens = datetime.combine(day, time(int(match[3]), int(match[4])), bureau).astimezone(visitor)
    closes = datetime.combine(day, time(int(match[5]), int(match[6])), bureau).astimezone(visitor)
    shift = (opens.date() - day).days
    names = _DAY_NAMES["en" if language == "en" else "fr"]
    days = f"{names[(first + shift) % 7]}–{names[(last + shift) % 7]}"
    if language == "en":
        return f"{days}, {opens:%H:%M}–{closes:%H:%M} ({visitor.key} time)"
    return f"{days}, {opens:%H} h {opens:%M} – {closes:%H} h {closes:%M} (heure de {visitor.key})"


def unclaimed_message(case: Case, settings: Settings) -> str:
    hours = office_hours_text(settings, case.visitor_timezone, case.language)
    return t("unclaimed", case.language).format(reference=case.reference, hours=hours)
