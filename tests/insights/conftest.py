"""Insights fixtures: a small, hand-countable history in a real SQLite database.

The period is 10–12 November 2026 in the Bureau's time zone (America/Toronto, UTC-5 then);
the previous period is 7–9 November. What the report must find is written next to each row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from assistant.db.models import Case, Conversation, Feedback, Message
from assistant.insights.period import Period
from assistant.services import Services
from tests.staff.conftest import (  # noqa: F401 - fixtures shared with the staff console tests
    Clients,
    StaffClient,
    add_staff,
    agent,
    app,
    clients,
    live_server,
    page,
)

PERIOD = Period(date(2026, 11, 10), date(2026, 11, 12), "America/Toronto")


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def turn(
    conversation_id: str, at: datetime, outcome: str, language: str, entry: str | None = None
) -> Message:
    payload = {"outcome": outcome, "language": language, "kb_entries": [entry] if entry else []}
    return Message(
        conversation_id=conversation_id,
        sender="visitor",
        text="une question",
        payload=payload,
        outcome=outcome,
        created_at=at,
    )


def conversation(cid: str, at: datetime, language: str, zone: str | None) -> Conversation:
    return Conversation(id=cid, language=language, visitor_timezone=zone, created_at=at)


async def add_history(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        # 10 Nov (local): A (fr, Paris) and B (en; 03:00 UTC on the 11th is 22:00 on the 10th)
        session.add(conversation("A", utc(10, 14), "fr", "Europe/Paris"))
        session.add(conversation("B", utc(11, 3), "en", "America/Toronto"))
        # 11 Nov: five more conversations from Europe, without a message yet
        for n in range(5):
            session.add(conversation(f"E{n}", utc(11, 12, n), "fr", "Europe/Brussels"))
        # 12 Nov: C (fr, Tokyo)
        session.add(conversation("C", utc(12, 15), "fr", "Asia/Tokyo"))
        # before: D (previous period); after: F (outside both periods)
        session.add(conversation("D", utc(8, 15), "fr", None))
        session.add(conversation("F", utc(20, 15), "fr", None))
        await session.flush()
        session.add_all(
            [
                turn("A", utc(10, 14, 1), "answer", "fr", "talent-work-permit"),
                turn("A", utc(10, 14, 2), "fallback", "fr"),
                turn("B", utc(11, 3, 1), "answer", "en", "talent-work-permit"),
                turn("B", utc(11, 3, 2), "clarify", "en", "convention-centre"),
                turn("C", utc(12, 15, 1), "escalate", "fr"),
                turn("C", utc(12, 15, 2), "smalltalk", "fr"),  # a message, not a question
                turn("C", utc(12, 15, 3), "out_of_scope", "fr"),
                turn("D", utc(8, 15, 1), "answer", "fr", "bureau-contact"),
                turn("F", utc(20, 15, 1), "answer", "fr", "bureau-contact"),
                Feedback(
                    conversation_id="A",
                    kb_entry="talent-work-permit",
                    value="up",
                    created_at=utc(10, 14, 5),
                ),
                Feedback(
                    conversation_id="B",
                    kb_entry="talent-work-permit",
                    value="down",
                    created_at=utc(11, 3, 5),
                ),
                Feedback(
                    conversation_id="F",
                    kb_entry="talent-work-permit",
                    value="up",
                    created_at=utc(20, 15, 5),
                ),
            ]
        )
        # six cases: France typed five ways, Maroc once; claimed after 1, 2, 3, 4, 5, 10 min
        countries = ["France", " france", "FRANCE", "France ", "france", "Maroc"]
        claims = [60, 120, 180, 240, 300, 600]
        for n, (country, claim) in enumerate(zip(countries, claims, strict=True)):
            created = utc(11, 15, n)
            session.add(
                Case(
                    reference=f"BRI-TEST-{n}",
                    audience="talent" if n < 4 else "investor",
                    reason="visitor_request",
                    country=country,
                    status="closed" if n == 0 else "claimed",
                    created_at=created,
                    claimed_at=created + timedelta(seconds=claim),
                    closed_at=created + timedelta(hours=2) if n == 0 else None,
                )
            )


@pytest.fixture
async def history(services: Services) -> Services:
    await add_history(services)
    return services
