"""Labels and ages in the viewer's console language (queue rows, inbox items)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from assistant.core.i18n import STRINGS, t
from assistant.db.clock import as_utc


def age_label(created_at: datetime, now: datetime, language: str) -> str:
    minutes = max(0, int((now - as_utc(created_at)).total_seconds() // 60))
    if minutes < 1:
        return t("staff.age.now", language)
    if minutes < 60:
        return t("staff.age.minutes", language).format(n=minutes)
    if minutes < 24 * 60:
        return t("staff.age.hours", language).format(n=minutes // 60)
    return t("staff.age.days", language).format(n=minutes // (24 * 60))


def time_label(moment: datetime, timezone: str) -> str:
    return as_utc(moment).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def known_label(key: str, fallback: str, language: str) -> str:
    """The string for ``key``, or ``fallback`` (e.g. an unexpected status) as it is."""
    return t(key, language) if key in STRINGS else fallback


def pick_label(table: dict[str, tuple[str, str]], key: str, language: str) -> str:
    """From a (French, English) label table; an unknown key is shown as it is."""
    fr, en = table.get(key, (key, key))
    return en if language == "en" else fr
