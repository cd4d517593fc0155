"""Stored times read back in UTC (assistant.db.clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from assistant.db.clock import as_utc, utcnow


def test_a_naive_time_is_taken_as_utc():
    assert as_utc(datetime(2026, 1, 2, 3, 4)) == datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def test_an_aware_time_is_converted_to_utc():
    quebec_winter = timezone(timedelta(hours=-5))
    moment = as_utc(datetime(2026, 1, 2, 3, 4, tzinfo=quebec_winter))
    assert moment == datetime(2026, 1, 2, 8, 4, tzinfo=UTC)
    assert moment.tzinfo is UTC


def test_now_is_aware_utc():
    assert utcnow().tzinfo is UTC
