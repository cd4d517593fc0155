"""The report's aggregates against the hand-counted history of ``conftest.py``."""

from __future__ import annotations

from datetime import date

from assistant.insights.privacy import label
from assistant.insights.queries import percentile
from assistant.insights.report import OTHER
from tests.insights.conftest import PERIOD

D10, D11, D12 = date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 12)


async def test_conversations_and_messages_per_bureau_day_by_language(history):
    report = await history.insights.report(PERIOD)
    # B started at 03:00 UTC on the 11th: 22:00 on the 10th in Québec City
    assert report.conversations == {"fr": {D10: 1, D11: 5, D12: 1}, "en": {D10: 1}}
    assert report.messages == {"fr": {D10: 2, D12: 3}, "en": {D10: 2}}
    assert (report.totals.conversations, report.totals.messages) == (8, 7)


async def test_outcomes_per_day_and_the_answer_rate_against_the_previous_period(history):
    report = await history.insights.report(PERIOD)
    assert report.outcomes == {
        "answered": {D10: 2},
        "not_understood": {D10: 1},
        "clarified": {D10: 1},
        "escalated": {D12: 1},
        "out_of_scope": {D12: 1},
    }
    assert report.totals.outcomes == {
        "answered": 2, "clarified": 1, "escalated": 1, "out_of_scope": 1, "not_understood": 1
    }  # fmt: skip
    assert report.totals.answer_rate == 2 / 6  # small talk is not a question
    assert (report.previous.conversations, report.previous.messages) == (1, 1)
    assert report.previous.answer_rate == 1.0


async def test_most_asked_entries_with_their_votes_in_the_period(history):
    report = await history.insights.report(PERIOD)
    assert [(e.entry_id, e.asked, e.up, e.down) for e in report.entries] == [
        ("talent-work-permit", 2, 1, 1)  # the 👍 of the 20th is outside the period
    ]


async def test_escalations_by_audience_reason_and_normalised_country(history):
    report = await history.insights.report(PERIOD)
    assert report.audiences == {"talent": 4, "investor": 2}
    assert report.reasons == {"visitor_request": 6}
    # typed by one visitor: neither the text nor the count is shown
    assert report.countries == {"france": 5, OTHER: None}
    assert [label(v) for v in report.countries.values()] == ["5", "< 5"]
    assert report.totals.cases == 6 and report.previous.cases == 0


async def test_claim_delay_and_time_to_close(history):
    report = await history.insights.report(PERIOD)
    claims = report.durations.claim_seconds
    assert claims == [60, 120, 180, 240, 300, 600]
    assert (percentile(claims, 0.5), percentile(claims, 0.9)) == (180, 600)  # nearest rank
    assert report.durations.close_seconds == [7200]


async def test_regions_from_time_zones_with_small_counts_hidden(history):
    report = await history.insights.report(PERIOD)
    # Paris + five Brussels = 6 in Europe; one in the Americas, one in Asia: hidden
    assert report.regions == {"europe": 6, "americas": None, "asia": None}


async def test_reading_twice_counts_each_turn_once(history):
    first = await history.insights.report(PERIOD)
    again = await history.insights.report(PERIOD)
    assert again.totals == first.totals
    assert again.messages == first.messages


def test_percentile_of_nothing_is_none():
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
