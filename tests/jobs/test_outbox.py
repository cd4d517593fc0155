"""Four processes' outbox workers draining one outbox at once: every email reaches a real SMTP
server (aiosmtpd) exactly once, with the Message-ID its row was staged with."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import select

from assistant.cases.service import CaseService
from assistant.db.models import OutboxEmail
from assistant.launcher import free_port
from assistant.mail.worker import OutboxWorker
from assistant.services import Services
from tests.jobs.conftest import OpenSessions, add_cases_with_email
from tests.mail.worker.conftest import Mailbox

PROCESSES = 4
CASES = 8


async def test_each_email_is_sent_once_by_four_workers_at_once(
    services: Services, own_sessions: OpenSessions
):
    settings = services.settings.model_copy(
        update={"smtp_port": free_port(), "smtp_timeout_seconds": 5.0, "outbox_lease_seconds": 30}
    )
    cases = CaseService(services.sessions, settings)
    await add_cases_with_email(cases, CASES)
    workers = [OutboxWorker(await own_sessions(), settings) for _ in range(PROCESSES)]

    with Mailbox(settings.smtp_port) as mailbox:
        attempted = await asyncio.gather(*(worker.run_once() for worker in workers))
        attempted += await asyncio.gather(*(worker.run_once() for worker in workers))

    async with services.sessions() as session:
        rows = list((await session.execute(select(OutboxEmail))).scalars())
    assert len(rows) == 2 * CASES and sum(attempted) == 2 * CASES
    assert {(row.status, row.attempts) for row in rows} == {("sent", 1)}
    received = Counter(mailbox.message_ids)
    assert sorted(received) == sorted(row.message_id for row in rows)
    assert set(received.values()) == {1}  # nobody received an email twice
