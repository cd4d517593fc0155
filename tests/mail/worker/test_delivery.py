"""The outbox worker delivers against a real SMTP server and a real SQLite database: each row
once with its Message-ID, nothing lost or duplicated across an outage or an interrupted send,
leases respected, concurrent workers, the loop surviving errors, and the app running it."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta

import pytest

from assistant.core.config import Settings
from assistant.mail.worker import OutboxWorker
from assistant.services import Services
from tests.fakes import HashingEncoder
from tests.mail.worker.conftest import (
    VISITOR,
    Mailbox,
    _make_due,
    _new_case,
    _rows,
    _set_all,
    _until,
)


async def test_a_case_reaches_the_bureau_with_the_rows_message_id(
    services, cases, worker, mailbox, settings, caplog
):
    caplog.set_level(logging.DEBUG, logger="assistant")
    case = await cases.create(_new_case(email=VISITOR))
    assert await worker.run_once() == 2
    rows = await _rows(services)
    assert [(r.kind, r.status, r.attempts) for r in rows] == [
        ("case", "sent", 1),
        ("acknowledgement", "sent", 1),
    ]
    assert all(r.sent_at is not None and r.lease_until is None for r in rows)
    received = {r.message["Message-ID"]: r for r in mailbox.received}
    assert sorted(received) == sorted(r.message_id for r in rows)
    for row in rows:
        delivered = received[row.message_id]
        assert delivered.mail_from == settings.mail_from
        assert delivered.rcpt_tos == [row.to_address]
        assert delivered.message["From"] == settings.mail_from
        assert delivered.message["To"] == row.to_address
        assert delivered.subject.startswith(f"[{case.reference}] ")
        assert delivered.message["Auto-Submitted"] == "auto-generated"
    bureau = received[rows[0].message_id]
    assert bureau.rcpt_tos == [settings.bureau_email]
    assert "Visite officielle en mai" in bureau.message.get_body(("plain",)).get_content()
    assert await worker.run_once() == 0  # nothing left to send
    assert VISITOR not in caplog.text and "García" not in caplog.text


async def test_nothing_is_lost_or_duplicated_when_smtp_is_down(services, cases, worker, smtp_port):
    created = [await cases.create(_new_case(summary=f"Demande {n}")) for n in range(10)]
    assert await worker.run_once() == 10  # nothing listens: every attempt fails
    rows = await _rows(services)
    assert {(r.status, r.attempts) for r in rows} == {("pending", 1)}
    assert all(r.last_error.startswith("ConnectionRefusedError") for r in rows)

    with Mailbox(smtp_port) as mailbox:
        await _make_due(services)
        assert await worker.run_once() == 10
        assert await worker.run_once() == 0
    rows = await _rows(services)
    assert {(r.status, r.attempts) for r in rows} == {("sent", 2)}
    ids = mailbox.message_ids
    assert len(ids) == len(set(ids)) == 10  # 0 duplicates
    assert set(ids) == {r.message_id for r in rows}  # 0 lost
    per_case = Counter(
        case.reference
        for case in created
        for r in mailbox.received
        if r.subject.startswith(f"[{case.reference}]")
    )
    assert per_case == {case.reference: 1 for case in created}


async def test_a_send_interrupted_after_acceptance_is_resent_with_the_same_message_id(
    services, cases, worker, mailbox
):
    """The worker dies between the server's acceptance and marking the row sent: at-least-once
    delivery, deduplicated by Message-ID."""
    created = [await cases.create(_new_case()) for _ in range(2)]
    mailbox.release.clear()  # the first message is received but its 250 is held back
    task = asyncio.create_task(worker.run_once())
    await _until(lambda: len(mailbox.received) == 1)
    task.cancel()  # "killed" before it could record the outcome
    with pytest.raises(asyncio.CancelledError):
        await task
    mailbox.release.set()
    await _until(lambda: mailbox.replied == 1)
    first, second = await _rows(services)
    assert (first.status, first.attempts, first.sent_at) == ("pending", 1, None)
    assert first.lease_until is not None
    assert await worker.run_once() == 1  # the leased row waits; the other one goes
    assert mailbox.message_ids == [first.message_id, second.message_id]

    await _set_all(services, lease_until=datetime.now(UTC) - timedelta(seconds=1))  # expired
    assert await worker.run_once() == 1
    first, second = await _rows(services)
    assert [(r.status, r.attempts) for r in (first, second)] == [("sent", 2), ("sent", 1)]
    ids = mailbox.message_ids
    assert ids == [first.message_id, second.message_id, first.message_id]
    assert mailbox.received[0].content == mailbox.received[2].content  # the very same email
    deduplicated = {r.message["Message-ID"]: r for r in mailbox.received}.values()
    per_case = Counter(
        case.reference
        for case in created
        for r in deduplicated
        if r.subject.startswith(f"[{case.reference}]")
    )
    assert per_case == {case.reference: 1 for case in created}


async def test_a_leased_row_is_left_to_its_worker(services, cases, worker, mailbox):
    await cases.create(_new_case())
    await _set_all(services, lease_until=datetime.now(UTC) + timedelta(seconds=30))
    assert await worker.run_once() == 0
    await _set_all(services, lease_until=datetime.now(UTC) - timedelta(seconds=1))
    assert await worker.run_once() == 1
    assert len(mailbox.received) == 1


async def test_concurrent_workers_send_each_row_once(services, cases, settings, mailbox):
    for n in range(6):
        await cases.create(_new_case(summary=f"Demande {n}"))
    workers = [OutboxWorker(services.sessions, settings) for _ in range(3)]
    counts = await asyncio.gather(*(w.run_once() for w in workers))
    assert sum(counts) == 6
    assert sorted(mailbox.message_ids) == sorted(r.message_id for r in await _rows(services))


async def test_run_forever_survives_errors_without_logging_their_text(services, settings, caplog):
    caplog.set_level(logging.DEBUG, logger="assistant")
    passes = asyncio.Event()

    class Flaky(OutboxWorker):
        calls = 0

        async def run_once(self) -> int:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError(f"could not send to {VISITOR}")
            passes.set()
            return 0

    task = asyncio.create_task(Flaky(services.sessions, settings).run_forever())
    await asyncio.wait_for(passes.wait(), 5)
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
    assert "outbox pass failed: RuntimeError" in caplog.text
    assert VISITOR not in caplog.text


@pytest.fixture
async def running_app(settings: Settings) -> AsyncIterator[Services]:
    services = await Services.start(
        settings.model_copy(update={"outbox_worker": True}), encoder=HashingEncoder()
    )
    yield services
    await services.aclose()


async def test_the_app_runs_the_worker_when_enabled(running_app, mailbox):
    case = await running_app.cases.create(_new_case())
    await _until(lambda: len(mailbox.received) == 1)
    assert mailbox.received[0].subject.startswith(f"[{case.reference}]")
