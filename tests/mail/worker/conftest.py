"""The outbox worker's test bench: a real SMTP server with scripted replies (aiosmtpd on a free
loopback port), settings pointing the worker at it, and helpers over the outbox rows. Time is
not waited for: rows are made due by setting next_attempt_at."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
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
from assistant.mail.worker import OutboxWorker
from assistant.services import Services

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
