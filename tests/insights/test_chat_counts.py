"""A visitor's turns through the public chat API reach the dashboard's counts: the outcome is
stored on the visitor's message, and the turn is counted once its reply had time to arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from assistant.db.models import Message
from assistant.insights.period import last_days
from assistant.insights.rollup import GRACE, roll_up

ANSWER = [
    {"recipient_id": "x", "text": "Le permis de travail est délivré par IRCC."},
    {
        "recipient_id": "x",
        "custom": {"outcome": "answer", "language": "fr", "kb_entries": ["talent-work-permit"]},
    },
]


async def test_a_chat_turn_is_counted_with_its_outcome_language_and_entry(
    services, client, fake_rasa
):
    fake_rasa.reply = ANSWER
    sent = await client.post("/api/chat", json={"text": "Permis de travail?", "language": "fr"})
    assert sent.status_code == 200
    async with services.sessions() as session:
        visitor = (
            await session.execute(select(Message).where(Message.sender == "visitor"))
        ).scalar_one()
    assert visitor.outcome == "answer"

    timezone = services.settings.bureau_timezone
    assert await roll_up(services.sessions, timezone) == 0  # its reply may still be coming
    later = datetime.now(UTC) + GRACE + timedelta(seconds=1)
    assert await roll_up(services.sessions, timezone, later) == 1
    assert await roll_up(services.sessions, timezone, later) == 0  # counted once

    report = await services.insights.report(last_days(7, timezone))
    assert report.totals.messages == 1
    assert report.totals.outcomes["answered"] == 1
    assert [(e.entry_id, e.asked) for e in report.entries] == [("talent-work-permit", 1)]
