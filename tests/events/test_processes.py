"""Two app processes on one PostgreSQL database (two ``Services``, each its own engine, pool
and LISTEN connection): a KB publish in one is live in the other within about a second, a
staff reply made in one reaches a widget stream served by the other, also after the
listening connection was killed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.core.config import Settings
from assistant.events import PostgresNotifier
from assistant.kb import import_files
from assistant.services import Services
from assistant.web.app import create_app
from tests.events.conftest import event_stream
from tests.fakes import HashingEncoder, make_entry, write_entry
from tests.staff.conftest import add_staff, open_case

pytestmark = pytest.mark.parametrize("settings", ["postgresql"], indirect=True)


@pytest.fixture
async def other(settings: Settings, services: Services) -> AsyncIterator[Services]:
    """A second app process on the same database (``services`` made the schema)."""
    second = await Services.start(settings, encoder=HashingEncoder())
    await second.kb_ready()
    yield second
    await second.aclose()


def live_ids(services: Services) -> set[str]:
    assert services.retriever is not None
    return {entry.id for entry in services.retriever.index.entries}


async def within(seconds: float, condition: Callable[[], bool]) -> float:
    """How long ``condition`` took to hold (fails past ``seconds``)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "not within the time"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def test_a_publish_in_one_process_is_live_in_the_other_within_a_second(
    services: Services, other: Services
):
    assert other.settings.kb_watch_seconds == 0  # no fallback poll: only the notification
    editor = await add_staff(services, "edith@ville.quebec.qc.ca", role="editor")
    assert "talent-work-permit" in live_ids(other)
    assert other.kb is not None
    rebuilds: list[float] = []  # when the other process started rebuilding
    build = other.kb.build

    def timed_build(entries):  # type: ignore[no-untyped-def]
        rebuilds.append(time.monotonic())
        return build(entries)

    other.kb.build = timed_build  # type: ignore[method-assign]
    services.kb_store.on_publish = None  # this one does not rebuild first: timed from the commit
    await services.kb_store.retire("talent-work-permit", staff_id=editor.id)
    committed = time.monotonic()  # retire returns right after its commit
    # live there once rebuilt (the rebuild's own time depends on the machine's load) ...
    await within(30.0, lambda: "talent-work-permit" not in live_ids(other))
    # ... and the rebuild started within a second of the commit, without any poll
    assert rebuilds and rebuilds[0] - committed < 1.0


async def test_the_import_command_notifies_the_running_processes(services: Services, kb_dir: Path):
    write_entry(kb_dir, make_entry("bureau-hours", topic="bureau"))
    assert "bureau-hours" not in live_ids(services)
    assert (await import_files.import_files(services.settings, kb_dir))[1] == 1
    await within(30.0, lambda: "bureau-hours" in live_ids(services))  # no fallback poll here


async def test_a_reply_made_in_one_process_reaches_the_stream_served_by_the_other(
    services: Services, other: Services
):
    case = await open_case(services, conversation_id="conv-two")
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca")
    async with event_stream(create_app(other), "/api/conversations/conv-two/events") as stream:
        await stream.event("status")
        await services.cases.claim(case.id, agent.id)
        assert '"status": "handoff"' in await stream.event("status", 1.0)
        await services.cases.reply(case.id, agent.id, "Réponse d'un autre processus")
        committed = time.monotonic()  # the write has returned: committed
        assert "Réponse d'un autre processus" in await stream.event("message", 1.0)
        assert time.monotonic() - committed < 1.0


async def test_a_killed_listen_connection_reconnects_and_the_stream_still_delivers(
    services: Services, other: Services
):
    notifier = other.notifier
    assert isinstance(notifier, PostgresNotifier) and notifier.listen_pid is not None
    case = await open_case(services, conversation_id="conv-drop")
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca")
    await services.cases.claim(case.id, agent.id)
    async with event_stream(create_app(other), "/api/conversations/conv-drop/events") as stream:
        await stream.event("status")
        await stream.event("message")  # "a person joined"
        killed = notifier.listen_pid
        async with services.engine.begin() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
        # sent while the listener may still be down: the reconnect's re-read finds it
        await services.cases.reply(case.id, agent.id, "Pendant la coupure")
        assert "Pendant la coupure" in await stream.event("message", 2.0)
        await within(2.0, lambda: notifier.listening and notifier.listen_pid != killed)
        await services.cases.reply(case.id, agent.id, "Après la reconnexion")
        assert "Après la reconnexion" in await stream.event("message", 1.0)
    assert notifier.reconnects >= 1
