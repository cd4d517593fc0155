"""The outbox worker's failures: temporary refusals, silent or hanging-up servers and our relay
refusing authentication are retried with backoff; permanent refusals, too many attempts and
unsafe recipients end as dead letters that staff can requeue."""

from __future__ import annotations

import logging
import socket
import threading
from contextlib import suppress
from datetime import UTC, datetime, timedelta

import pytest

from assistant.mail.errors import DeadLetterNotFound
from assistant.mail.outbox import enqueue
from assistant.mail.worker import OutboxWorker, backoff_seconds, dead_letters, retry_dead
from tests.mail.worker.conftest import VISITOR, _make_due, _new_case, _rows, _set_all


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


def test_backoff_doubles_and_is_capped_at_an_hour() -> None:
    assert [backoff_seconds(n, 5.0) for n in (1, 2, 3, 4)] == [5.0, 10.0, 20.0, 40.0]
    assert backoff_seconds(30, 5.0) == 3600.0


def test_our_relay_refusing_authentication_is_retried_not_dead_lettered():
    import smtplib

    from assistant.mail.worker import classify

    assert classify(smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials")).permanent is False
    assert classify(smtplib.SMTPDataError(550, b"mailbox unavailable")).permanent is True
