"""Rasa's tracker store in a person's rights and the daily purge: the events of a person's
conversations are found (by conversation, or by the email they typed), exported, deleted with
no trace left in the SQLite file, and purged after the conversation period; a store Rasa has
not created yet is simply empty."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.core.config import Settings
from assistant.privacy.rasa_trackers import RasaTrackers, async_url, sqlite_file
from assistant.privacy.retention import RetentionPolicy, purge_everything
from assistant.privacy.rights import Person
from assistant.privacy.rights_audit import CLI
from assistant.privacy.rights_changes import RightsService
from assistant.services import Services
from tests.privacy.rasa_store import form_events, write_events
from tests.staff.conftest import open_case

NAME, EMAIL = "Odile Brassard", "odile.brassard@example.ca"


@pytest.fixture
def trackers(settings: Settings) -> RasaTrackers:
    return RasaTrackers.from_settings(settings)


@pytest.fixture
def rights(services: Services, tmp_path: Path, trackers: RasaTrackers) -> RightsService:
    return RightsService(services.sessions, services.engine, tmp_path / "mail", None, trackers)


async def test_a_store_rasa_has_not_created_yet_holds_nothing_and_is_not_created(
    trackers: RasaTrackers,
):
    path = sqlite_file(trackers.url)
    assert path is not None and not path.exists()
    assert await trackers.events_of(["c-1"], [EMAIL]) == []
    assert await trackers.delete(["c-1"]) == 0
    assert await trackers.purge_before(datetime.now(UTC)) == 0
    assert not path.exists()
    path.parent.mkdir(parents=True)
    path.touch()  # the file exists, Rasa's table not yet
    assert await trackers.events_of(["c-1"], [EMAIL]) == []


async def test_events_are_found_by_conversation_or_by_the_email_typed(trackers: RasaTrackers):
    write_events(trackers.url, "with-case", form_events(NAME, EMAIL))
    write_events(trackers.url, "typed-only", [{"event": "user", "text": f"c'est {EMAIL}"}])
    write_events(trackers.url, "someone-else", form_events("Paul Roy", "p@x.ca"))
    by_id = await trackers.events_of(["with-case"])
    assert {e.conversation_id for e in by_id} == {"with-case"}
    assert [e.type_name for e in by_id][:3] == ["session_started", "user", "active_loop"]
    assert by_id[4].data == {
        "event": "slot",
        "name": "contact_name",
        "value": NAME,
        "timestamp": by_id[4].timestamp,
    }
    by_email = await trackers.events_of([], [EMAIL.upper()])
    assert {e.conversation_id for e in by_email} == {"with-case", "typed-only"}


async def test_find_export_and_delete_reach_the_trackers_and_leave_no_trace(
    services: Services, rights: RightsService, trackers: RasaTrackers
):
    await open_case(services, conversation_id="c-1", name=NAME, email=EMAIL)
    write_events(trackers.url, "c-1", form_events(NAME, EMAIL))
    write_events(trackers.url, "c-1", [{"event": "user", "text": "<img src=x onerror=alert(1)>"}])
    write_events(trackers.url, "c-9", form_events("Paul Roy", "p@x.ca"))

    found = await rights.find(Person(email=EMAIL))
    assert found.rasa_conversations == ["c-1"] and found.counts()["rasa_trackers"] == 1
    data, document = await rights.export(Person(email=EMAIL), CLI, "access_request")
    [tracker] = data["rasa_trackers"]
    slots = {e["name"]: e["value"] for e in tracker["events"] if e["type"] == "slot"}
    assert slots == {"contact_name": NAME, "contact_email": EMAIL}
    assert "Vos conversations dans le moteur de conversation (Rasa)" in document
    assert f"contact_email = {EMAIL}" in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document and "<img" not in document

    deleted = await rights.delete(Person(email=EMAIL), CLI, "deletion_request")
    assert deleted["rasa_trackers"] == 1
    assert await trackers.events_of(["c-1"], [EMAIL]) == []
    assert {e.conversation_id for e in await trackers.events_of(["c-9"])} == {"c-9"}
    path = sqlite_file(trackers.url)
    assert path is not None
    content = path.read_bytes()
    assert EMAIL.encode() not in content and NAME.encode() not in content
    assert b"p@x.ca" in content  # the other visitor's conversation stays


async def test_the_daily_purge_deletes_tracker_events_older_than_the_conversation_period(
    services: Services, settings: Settings, trackers: RasaTrackers
):
    now = datetime.now(UTC)
    old = (now - timedelta(days=91)).timestamp()
    write_events(trackers.url, "last-spring", form_events(NAME, EMAIL, at=old))
    write_events(trackers.url, "today", form_events("Paul Roy", "p@x.ca", at=time.time()))
    policy = RetentionPolicy.from_settings(settings)
    assert policy.tracker_url == settings.rasa_tracker_url
    report = await purge_everything(services.sessions, policy, now=now)
    assert report.trackers == 1 and report.problems == []
    assert "1 Rasa tracker(s)" in str(report)
    assert await trackers.events_of(["last-spring"], [EMAIL]) == []
    assert len(await trackers.events_of(["today"])) == 8


def test_the_app_reads_rasas_url_with_its_own_async_drivers():
    assert async_url("sqlite:////srv/var/rasa/trackers.db") == (
        "sqlite+aiosqlite:////srv/var/rasa/trackers.db"
    )
    assert async_url("postgresql://rasa:s3cret@db:5432/rasa") == (
        "postgresql+psycopg://rasa:s3cret@db:5432/rasa"
    )
    with pytest.raises(ValueError):
        async_url("mysql://db/rasa")


async def test_an_unreachable_tracker_database_is_reported_by_the_purge(
    services: Services, settings: Settings
):
    unreachable = "postgresql://rasa@127.0.0.1:9/rasa"  # nothing listens there
    policy = RetentionPolicy.from_settings(
        settings.model_copy(update={"rasa_tracker_url": unreachable})
    )
    report = await purge_everything(services.sessions, policy)
    assert report.trackers == 0 and report.problems == ["Rasa tracker store: OperationalError"]
    assert "NOT PURGED: Rasa tracker store" in str(report)
