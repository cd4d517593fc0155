"""Ages and times as the staff console shows them (assistant.web.staff.labels)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assistant.core.i18n import t
from assistant.web.staff.labels import age_label, known_label, pick_label, time_label

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_age_label_in_minutes_hours_and_days():
    assert age_label(NOW, NOW, "en") == t("staff.age.now", "en")
    assert age_label(NOW - timedelta(minutes=5), NOW, "en") == t("staff.age.minutes", "en").format(
        n=5
    )
    assert age_label(NOW - timedelta(hours=3), NOW, "fr") == t("staff.age.hours", "fr").format(n=3)
    assert age_label(NOW - timedelta(days=2), NOW, "fr") == t("staff.age.days", "fr").format(n=2)


def test_age_label_reads_a_naive_stored_time_as_utc():
    naive = (NOW - timedelta(minutes=5)).replace(tzinfo=None)
    assert age_label(naive, NOW, "en") == t("staff.age.minutes", "en").format(n=5)


def test_time_label_is_in_the_bureau_timezone():
    assert time_label(NOW, "America/Toronto") == "2026-06-01 08:00"


def test_unknown_keys_are_shown_as_they_are():
    assert known_label("staff.status.no-such-status", "no-such-status", "fr") == "no-such-status"
    table = {"media": ("Médias", "Media")}
    assert pick_label(table, "media", "en") == "Media"
    assert pick_label(table, "media", "fr") == "Médias"
    assert pick_label(table, "other", "en") == "other"
