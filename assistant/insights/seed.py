"""Synthetic data for the Insights dashboard and its benchmark: conversations, turns with their
outcomes, 👍/👎, cases (no personal data: no name or address, only audience, reason, a country
from a short list, and claim/close times) and review-inbox items, spread over the last days.

    python -m assistant.insights.seed --conversations 100000 [--days 180] [--database-url URL]

Never against the production database: every row is invented (conversation ids start with
``synthetic-``; case references with ``SYN-``).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.db.inbox_models import InboxItem
from assistant.db.models import Case, Conversation, Feedback, Message
from assistant.insights.rollup import GRACE, roll_up

ZONES = [
    "America/Toronto", "America/Toronto", "America/Montreal", "America/New_York",
    "Europe/Paris", "Europe/Paris", "Europe/Brussels", "Europe/Berlin", "Africa/Casablanca",
    "Africa/Abidjan", "Asia/Tokyo", "Asia/Shanghai", "America/Sao_Paulo", "Australia/Sydney",
    None,
]  # fmt: skip
OUTCOMES = (
    ["answer"] * 55
    + ["clarify"] * 12
    + ["fallback"] * 12
    + ["out_of_scope"] * 8
    + ["escalate"] * 5
    + ["smalltalk"] * 8
)
ENTRIES = [
    "talent-work-permit", "convention-centre", "bureau-contact", "investor-incentives",
    "student-caq", "twin-cities", "winter-climate", "airport-access",
]  # fmt: skip
AUDIENCES = ["investor", "talent", "event_organizer", "partner_city", "media", "other"]
REASONS = ["visitor_request", "staff_topic", "no_answer"]
COUNTRIES = ["France", "france", "Belgique", "Maroc", "Japan", "Brésil", "Sénégal", "Chine", ""]
CHUNK = 5000


def _rows(
    conversations: int, days: int, now: datetime, rng: random.Random
) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {
        "conversations": [],
        "messages": [],
        "feedback": [],
        "cases": [],
    }
    span = days * 86400
    for n in range(conversations):
        cid = f"synthetic-{n:07d}"
        started = now - timedelta(seconds=rng.randrange(span))
        language = "fr" if rng.random() < 0.6 else "en"
        rows["conversations"].append(
            {
                "id": cid,
                "language": language,
                "status": "bot",
                "visitor_timezone": rng.choice(ZONES),
                "created_at": started,
                "updated_at": started,
            }
        )
        at = started
        for turn in range(rng.randint(1, 5)):
            at += timedelta(seconds=rng.randint(5, 90))
            outcome = rng.choice(OUTCOMES)
            entries = [rng.choice(ENTRIES)] if outcome in ("answer", "clarify") else []
            payload = {"outcome": outcome, "language": language, "kb_entries": entries}
            rows["messages"].append(
                {
                    "conversation_id": cid,
                    "sender": "visitor",
                    "text": f"question {turn}",
                    "payload": payload,
                    "outcome": outcome,
                    "created_at": at,
                }
            )
            rows["messages"].append(
                {
                    "conversation_id": cid,
                    "sender": "bot",
                    "text": "réponse",
                    "outcome": outcome,
                    "payload": {"buttons": []},
                    "created_at": at,
                }
            )
            if outcome == "answer" and rng.random() < 0.1:
                rows["feedback"].append(
                    {
                        "conversation_id": cid,
                        "kb_entry": entries[0],
                        "language": language,
                        "value": "up" if rng.random() < 0.75 else "down",
                        "created_at": at,
                    }
                )
        if rng.random() < 0.03:
            claimed = at + timedelta(seconds=rng.randint(30, 6 * 3600))
            closed = claimed + timedelta(seconds=rng.randint(600, 5 * 86400))
            rows["cases"].append(
                {
                    "reference": f"SYN-{n:07d}",
                    "conversation_id": cid,
                    "language": language,
                    "audience": rng.choice(AUDIENCES),
                    "reason": rng.choice(REASONS),
                    "status": "closed",
                    "country": rng.choice(COUNTRIES) or None,
                    "summary": "",
                    "fields": {},
                    "created_at": at,
                    "claimed_at": claimed,
                    "closed_at": closed,
                }
            )
    return rows  # fmt: skip


def _inbox_rows(now: datetime, rng: random.Random, count: int = 60) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n in range(count):
        text = f"Question synthétique sans réponse numéro {n}"
        rows.append(
            {"key": hashlib.sha256(f"synthetic|{n}".encode()).hexdigest(), "text": text,
             "language": "fr" if n % 3 else "en", "reason": "no_answer", "status": "open",
             "count": (c := rng.randint(1, 40)), "pending": c, "candidates": [],
             "first_seen": now - timedelta(days=30), "last_seen": now - timedelta(hours=n)}
        )  # fmt: skip
    return rows


async def seed(
    engine: AsyncEngine,
    conversations: int,
    days: int = 180,
    *,
    now: datetime | None = None,
    random_seed: int = 14,
    timezone: str | None = "America/Toronto",
) -> None:
    """Adds ``conversations`` synthetic conversations (and their rows) over the last ``days``,
    then rolls their turns up (``timezone``: the Bureau's; None leaves it to the app)."""
    now = now or datetime.now(UTC)
    rng = random.Random(random_seed)
    await create_schema(engine)
    rows = _rows(conversations, days, now, rng)
    tables = [
        (Conversation, rows["conversations"]),
        (Message, rows["messages"]),
        (Feedback, rows["feedback"]),
        (Case, rows["cases"]),
        (InboxItem, _inbox_rows(now, rng)),
    ]
    async with engine.begin() as connection:
        for model, values in tables:
            for start in range(0, len(values), CHUNK):
                await connection.execute(insert(model), values[start : start + CHUNK])
    if timezone:  # what the app does before its first report
        await roll_up(session_factory(engine), timezone, now + GRACE)


def main(argv: list[str] | None = None) -> int:
    from assistant.core.config import get_settings

    parser = argparse.ArgumentParser(prog="python -m assistant.insights.seed")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    url = args.database_url or get_settings().database_url

    async def run() -> None:
        engine = create_engine(url)
        try:
            await seed(engine, args.conversations, args.days)
        finally:
            await engine.dispose()

    asyncio.run(run())
    print(f"{args.conversations} synthetic conversations over {args.days} days added.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
