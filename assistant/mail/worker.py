"""The outbox worker: sends the staged emails over SMTP and records each outcome.

A pass claims due rows one at a time (status pending, due, lease free or expired) with a
conditional UPDATE that sets a lease and counts the attempt, so concurrent workers never send
the same row at the same time (PostgreSQL also skips rows locked by another claim). Outcomes:

* accepted by the server: ``sent``;
* 4xx, refused connection, timeout, disconnect (anything not permanent): retry later with
  exponential backoff (``outbox_backoff_seconds`` doubling, capped at one hour);
* 5xx, or an unsafe header: ``dead`` at once; the ``outbox_max_attempts``-th failure too.

Delivery is at-least-once: a row is marked sent only after the server accepted it, so a crash
(or a cancelled task) between acceptance and marking sends it again once its lease expires.
The re-send carries the same Message-ID and Date (fixed when the row was staged), so receivers
deduplicate on the Message-ID. Logs name rows by id and errors by code, never an address,
a name or message text.
"""

from __future__ import annotations

import asyncio
import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.db.models import OutboxEmail
from assistant.mail.errors import DeadLetterNotFound, UnsafeHeader
from assistant.mail.message import build_message

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600.0
_ADDRESS_LIKE = re.compile(r"<?[^\s<>]*@[^\s<>]*>?")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Failure:
    """Why an attempt failed. ``reason`` (stored as last_error) is the code and a short text
    without addresses; ``code`` alone (reply code or error type) is what the logs get."""

    permanent: bool
    code: str
    reason: str


def backoff_seconds(attempts: int, base: float) -> float:
    """Delay before the next attempt after ``attempts`` failed ones: base, 2 base, 4 base..."""
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def classify(error: BaseException) -> Failure:
    """5xx replies and unsafe headers are permanent; everything else may succeed later."""
    if isinstance(error, UnsafeHeader):
        return Failure(True, "unsafe-header", f"unsafe header: {error}")
    if isinstance(error, smtplib.SMTPRecipientsRefused):  # one recipient: its reply
        code, text = next(iter(error.recipients.values()), (0, b"recipient refused"))
        return _reply(code, text)
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error.smtp_code, error.smtp_error)
    name = type(error).__name__
    return Failure(False, name, _short(f"{name}: {error}"))


# Our relay refusing *us* (authentication, TLS required) is a configuration problem that an
# operator fixes: keep retrying instead of turning every email into a dead letter.
_RELAY_CONFIGURATION_CODES = frozenset({530, 534, 535, 538})


def _reply(code: int, text: bytes | str) -> Failure:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    permanent = 500 <= code <= 599 and code not in _RELAY_CONFIGURATION_CODES
    return Failure(permanent, str(code), _short(f"{code} {text}"))


def _short(text: str) -> str:
    """One line of at most 200 characters, with anything address-like masked."""
    return " ".join(_ADDRESS_LIKE.sub("<address>", text).split())[:200]


def send_via_smtp(message: EmailMessage, settings: Settings) -> None:
    """Blocking: one SMTP session for one message; returns once the server accepted it."""
    smtp = smtplib.SMTP(
        settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
    )
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(message, from_addr=message["From"], to_addrs=[message["To"]])
    finally:
        _quit_quietly(smtp)


def _quit_quietly(smtp: smtplib.SMTP) -> None:
    """After acceptance a failed QUIT must not turn a delivered message into a retry."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


class OutboxWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    async def run_forever(self) -> None:
        """Poll every ``outbox_poll_seconds``; an error is logged and the next pass goes on."""
        while True:
            try:
                await self.run_once()
            except Exception as error:
                log.error("outbox pass failed: %s", _describe(error))
            await asyncio.sleep(self._settings.outbox_poll_seconds)

    async def run_once(self) -> int:
        """Attempt every row that is due now, one at a time; returns how many were attempted.

        Rows that fail become due again later than the start of this pass, so each row is
        attempted at most once per pass.
        """
        started = _now()
        attempted = 0
        while (claimed := await self._claim(started)) is not None:
            email, lease = claimed
            await self._attempt(email, lease)
            attempted += 1
        return attempted

    async def _claim(self, due: datetime) -> tuple[OutboxEmail, datetime] | None:
        """The next due row, leased to this worker with its attempt counted; None when done."""
        for _ in range(10):  # another worker may win a row between our SELECT and UPDATE
            now = _now()
            lease = now + timedelta(seconds=self._settings.outbox_lease_seconds)
            async with self._sessions() as session, session.begin():
                email_id = await self._next_due(session, due, now)
                if email_id is None:
                    return None
                result = await session.execute(
                    update(OutboxEmail)
                    .where(OutboxEmail.id == email_id, *_claimable(now))
                    .values(lease_until=lease, attempts=OutboxEmail.attempts + 1)
                    .execution_options(synchronize_session=False)
                )
                if _rowcount(result) == 1:
                    email = await session.get(OutboxEmail, email_id)
                    assert email is not None
                    return email, lease
        return None

    @staticmethod
    async def _next_due(session: AsyncSession, due: datetime, now: datetime) -> int | None:
        query = (
            select(OutboxEmail.id)
            .where(OutboxEmail.next_attempt_at <= due, *_claimable(now))
            .order_by(OutboxEmail.next_attempt_at, OutboxEmail.id)
            .limit(1)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        return (await session.execute(query)).scalar_one_or_none()

    async def _attempt(self, email: OutboxEmail, lease: datetime) -> None:
        if email.attempts > self._settings.outbox_max_attempts:
            # Its previous attempt was the last one and never reported (the worker stopped).
            await self._failed(
                email, lease, Failure(True, "interrupted", "interrupted during the last attempt")
            )
            return
        try:
            message = build_message(email, self._settings)
            await asyncio.to_thread(send_via_smtp, message, self._settings)
        except Exception as error:
            await self._failed(email, lease, classify(error))
        else:
            await self._sent(email)

    async def _sent(self, email: OutboxEmail) -> None:
        """Accepted by the server: true whoever holds the lease now, so not fenced by it."""
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(OutboxEmail)
                .where(OutboxEmail.id == email.id, OutboxEmail.status == "pending")
                .values(status="sent", sent_at=_now(), lease_until=None)
            )
        log.info("outbox email %d sent (attempt %d)", email.id, email.attempts)

    async def _failed(self, email: OutboxEmail, lease: datetime, failure: Failure) -> None:
        """Dead, or due again after the backoff; only if the lease is still ours."""
        dead = failure.permanent or email.attempts >= self._settings.outbox_max_attempts
        values: dict[str, Any] = {"last_error": failure.reason, "lease_until": None}
        if dead:
            values["status"] = "dead"
        else:
            delay = backoff_seconds(email.attempts, self._settings.outbox_backoff_seconds)
            values["next_attempt_at"] = _now() + timedelta(seconds=delay)
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(OutboxEmail)
                .where(
                    OutboxEmail.id == email.id,
                    OutboxEmail.status == "pending",
                    OutboxEmail.lease_until == lease,
                )
                .values(**values)
            )
        outcome = "dead letter" if dead else "will retry"
        log.warning(
            "outbox email %d attempt %d failed (%s): %s",
            email.id,
            email.attempts,
            failure.code,
            outcome,
        )


def _claimable(now: datetime) -> tuple[Any, ...]:
    """Pending, and not leased to a worker (or that worker's lease has expired)."""
    return (
        OutboxEmail.status == "pending",
        or_(OutboxEmail.lease_until.is_(None), OutboxEmail.lease_until < now),
    )


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def _describe(error: BaseException) -> str:
    """The error's type and where it was raised; its message may contain personal data."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    where = f" at {trace.tb_frame.f_code.co_filename}:{trace.tb_lineno}" if trace else ""
    return f"{type(error).__name__}{where}"


async def dead_letters(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxEmail]:
    """Emails given up on, oldest first, for the staff console."""
    async with sessions() as session:
        query = select(OutboxEmail).where(OutboxEmail.status == "dead").order_by(OutboxEmail.id)
        return list((await session.execute(query)).scalars())


async def retry_dead(sessions: async_sessionmaker[AsyncSession], email_id: int) -> None:
    """Re-queue a dead letter (staff): due now, with a fresh allowance of attempts."""
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id == email_id, OutboxEmail.status == "dead")
            .values(status="pending", attempts=0, next_attempt_at=_now(), lease_until=None)
        )
        if _rowcount(result) != 1:
            raise DeadLetterNotFound(str(email_id))
