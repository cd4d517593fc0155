"""Rasa's tracker store on PostgreSQL (``ASSISTANT_RASA_TRACKER_URL=postgresql://…``): the app
finds a person's tracker events, deletes them and purges old ones there too; a database Rasa has
not created its table in yet holds nothing. Skipped where PostgreSQL is not installed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assistant.privacy.rasa_trackers import RasaTrackers
from tests.privacy.rasa_store import form_events, write_events

EMAIL = "noemie.caron@example.ca"


async def test_find_delete_and_purge_on_postgresql(postgres_url: str):  # noqa: F811
    rasa_url = postgres_url.replace("postgresql+psycopg://", "postgresql://")  # as Rasa has it
    trackers = RasaTrackers(rasa_url)
    assert await trackers.events_of(["c-1"], [EMAIL]) == []  # Rasa has not started yet

    old = (datetime.now(UTC) - timedelta(days=100)).timestamp()
    write_events(postgres_url, "c-1", form_events("Noémie Caron", EMAIL))
    write_events(postgres_url, "c-2", form_events("Paul Roy", "p@x.ca", at=old))
    found = await trackers.events_of([], [EMAIL.upper()])
    assert {e.conversation_id for e in found} == {"c-1"} and len(found) == 8

    assert await trackers.purge_before(datetime.now(UTC) - timedelta(days=90)) == 1
    assert await trackers.events_of(["c-2"]) == []
    assert await trackers.delete(["c-1"]) == 1
    assert await trackers.events_of(["c-1"], [EMAIL]) == []
