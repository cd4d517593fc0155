"""The outbox worker against a real SMTP server (aiosmtpd on a free loopback port) and a real
SQLite database. Time is not waited for: rows are made due by setting next_attempt_at."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email import policy as email_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from assistant.cases.service import CaseService, NewCase
from assistant.core.config import Settings
from assistant.db.models import OutboxEmail
from assistant.launcher import free_port
from assistant.mail.errors import DeadLetterNotFound
from assistant.mail.outbox import enqueue
from assistant.mail.worker import OutboxWorker, backoff_seconds, dead_letters, retry_dead
from assistant.services import Services
from tests.fakes import HashingEncoder

VISITOR = "ana.garcia@example.es"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self):
        return message_from_bytes(self.content, policy=email_policy.default)

    @property
    def subject(self) -> str:
        """Unfolded; a value folded right after "Subject:" keeps its leading space in Python."""
        return str(self.message["Subject"]).strip()


class Mailbox:
    """A real SMTP server with scripted replies. ``data_replies`` are used in turn for DATA
    ("250 ..." stores the message); ``rcpt_reply`` refuses recipients; clearing ``release``
    holds the 250 reply of an accepted message until it is set again."""

    def __init__(self, port: int) -> None:
        self.data_replies: list[str] = []
        self.rcpt_reply: str | None = None
        self.received: list[Received] = []
        self.replied = 0
        self.release = threading.Event()
        self.release.set()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.data_replies.pop(0) if self.data_replies else "250 OK"
        if reply.startswith("250"):
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
            )
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        self.replied += 1
        return reply

    @property
    def message_ids(self) -> list[str]:
        return [r.message["Message-ID"] for r in self.received]

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.release.set()
        self.controller.stop()


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def settings(settings: Settings, smtp_port: int) -> Settings:
    return settings.model_copy(
        update={
            "smtp_port": smtp_port,
            "smtp_timeout_seconds": 5.0,
            "outbox_worker": False,  # each test drives its own worker
            "outbox_backoff_seconds": 0.5,
            "outbox_max_attempts": 3,
            "outbox_lease_seconds": 30.0,
            "outbox_poll_seconds": 0.05,
        }
    )


@pytest.fixture
def mailbox(smtp_port: int):
    with Mailbox(smtp_port) as mailbox:
        yield mailbox


@pytest.fixture
def cases(services: Services, settings: Settings) -> CaseService:
    return CaseService(services.sessions, settings)


@pytest.fixture
def worker(services: Services, settings: Settings) -> OutboxWorker:
    return OutboxWorker(services.sessions, settings)


def _new_case(*, email: str | None = None, summary: str = "Visite officielle en mai") -> NewCase:
    return NewCase(
        conversation_id=None,
        language="fr",
        audience="partner_city",
        name="Ana García" if email else None,
        email=email,
        summary=summary,
    )


async def _rows(services: Services) -> list[OutboxEmail]:
    async with services.sessions() as session:
        query = select(OutboxEmail).order_by(OutboxEmail.id)
        return list((await session.execute(query)).scalars())


async def _set_all(services: Services, **values) -> None:
    async with services.sessions() as session, session.begin():
        await session.execute(update(OutboxEmail).values(**values))


async def _make_due(services: Services) -> None:
    await _set_all(services, next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


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
    assert "Visite officielle en mai" in bureau.message.get_content()
    assert await worker.run_once() == 0  # nothing left to send
    assert VISITOR not in caplog.text and "García" not in caplog.text


async def test_a_temporary_refusal_is_retried_and_delivered_once(
    services, cases, worker, mailbox, settings
):
    mailbox.data_replies = ["451 4.3.0 Try again later"]
    await cases.create(_new_case())
    before = datetime.now(UTC)
    assert await worker.run_once() == 1
    (row,) = await _rows(services)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "451 4.3.0 Try again later")
    due = row.next_attempt_at.replace(tzinfo=UTC)
    assert before + timedelta(seconds=0.5) <= due <= datetime.now(UTC) + timedelta(seconds=0.5)
    assert mailbox.received == []
    assert await worker.run_once() == 0  # not due yet

    await _make_due(services)
    assert await worker.run_once() == 1
    (row,) = await _rows(services)
    assert (row.status, row.attempts) == ("sent", 2)
    assert mailbox.message_ids == [row.message_id]


@pytest.mark.parametrize("refused_at", ["RCPT", "DATA"])
async def test_a_permanent_refusal_is_a_dead_letter_that_staff_can_requeue(
    services, cases, worker, mailbox, refused_at, caplog
):
    caplog.set_level(logging.DEBUG, logger="assistant")
    refusal = f"550 5.1.1 <{VISITOR}>: Recipient address rejected"
    if refused_at == "RCPT":
        mailbox.rcpt_reply = refusal
    else:
        mailbox.data_replies = [refusal, refusal]
    await cases.create(_new_case(email=VISITOR))
    assert await worker.run_once() == 2
    rows = await _rows(services)
    assert [(r.status, r.attempts) for r in rows] == [("dead", 1), ("dead", 1)]
    assert rows[0].last_error == "550 5.1.1 <address>: Recipient address rejected"
    assert mailbox.received == []
    assert [d.id for d in await dead_letters(services.sessions)] == [r.id for r in rows]
    assert VISITOR not in caplog.text

    mailbox.rcpt_reply, mailbox.data_replies = None, []
    await retry_dead(services.sessions, rows[1].id)
    assert await worker.run_once() == 1
    rows = await _rows(services)
    assert [(r.status, r.attempts) for r in rows] == [("dead", 1), ("sent", 1)]
    assert mailbox.message_ids == [rows[1].message_id]
    assert [d.id for d in await dead_letters(services.sessions)] == [rows[0].id]
    with pytest.raises(DeadLetterNotFound):
        await retry_dead(services.sessions, rows[1].id)  # sent, not dead


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


class Hangup:
    """A TCP server that is not an SMTP server: silent (never greets) or hanging up at once."""

    def __init__(self, port: int, *, hang_up: bool) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.05)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._hang_up) if hang_up else None

    def _hang_up(self) -> None:
        while not self.stop.is_set():
            with suppress(TimeoutError):
                connection, _ = self.server.accept()
                connection.close()

    def __enter__(self) -> Hangup:
        if self.thread:
            self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        if self.thread:
            self.thread.join()
        self.server.close()


@pytest.mark.parametrize(
    ("hang_up", "errors"),
    [
        (False, ("SMTPServerDisconnected: Connection unexpectedly closed: timed out",)),
        (True, ("SMTPServerDisconnected", "ConnectionResetError")),
    ],
)
async def test_a_silent_or_hanging_up_server_means_retry(
    services, cases, settings, smtp_port, hang_up, errors
):
    worker = OutboxWorker(
        services.sessions, settings.model_copy(update={"smtp_timeout_seconds": 0.3})
    )
    await cases.create(_new_case())
    with Hangup(smtp_port, hang_up=hang_up):
        assert await worker.run_once() == 1
    (row,) = await _rows(services)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert row.last_error.startswith(errors)


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


async def test_too_many_attempts_make_a_dead_letter(services, cases, worker, mailbox):
    mailbox.data_replies = ["421 4.7.0 Busy"] * 5
    await cases.create(_new_case())
    for attempt in (1, 2, 3):
        await _make_due(services)
        assert await worker.run_once() == 1
        (row,) = await _rows(services)
        assert (row.attempts, row.status) == (attempt, "pending" if attempt < 3 else "dead")
    assert row.last_error == "421 4.7.0 Busy"
    await _make_due(services)
    assert await worker.run_once() == 0
    assert mailbox.received == []


async def test_an_interrupted_last_attempt_ends_as_a_dead_letter(services, cases, worker, mailbox):
    await cases.create(_new_case())
    await _set_all(services, attempts=3, lease_until=datetime.now(UTC) - timedelta(seconds=1))
    assert await worker.run_once() == 1
    (row,) = await _rows(services)
    assert (row.status, row.last_error) == ("dead", "interrupted during the last attempt")
    assert mailbox.received == []


async def test_an_unsafe_recipient_is_a_dead_letter_without_sending(services, worker, mailbox):
    async with services.sessions() as session, session.begin():
        enqueue(
            session,
            to=f"{VISITOR}\r\nBcc: victim@example.com",
            subject="[BRI-2026-AAAAAA] Votre demande",
            body="Bonjour",
            kind="acknowledgement",
            case_id=None,
        )
    assert await worker.run_once() == 1
    (row,) = await _rows(services)
    assert (row.status, row.last_error) == ("dead", "unsafe header: To")
    assert mailbox.received == []


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


def test_backoff_doubles_and_is_capped_at_an_hour() -> None:
    assert [backoff_seconds(n, 5.0) for n in (1, 2, 3, 4)] == [5.0, 10.0, 20.0, 40.0]
    assert backoff_seconds(30, 5.0) == 3600.0


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


def test_our_relay_refusing_authentication_is_retried_not_dead_lettered():
    import smtplib

    from assistant.mail.worker import classify

    assert classify(smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials")).permanent is False
    assert classify(smtplib.SMTPDataError(550, b"mailbox unavailable")).permanent is True
