"""The daily retention purge in three app processes (``Services``, each with its own engine)
on one database: it runs once, and what is past its retention period is gone."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from assistant.db.clock import as_utc
from assistant.db.models import Case
from assistant.jobs import JobLeases
from assistant.services import Services
from tests.fakes import HashingEncoder
from tests.jobs.conftest import add_case, set_due

PROCESSES = 3


async def test_three_processes_purge_once(services: Services, tmp_path: Path, caplog):
    caplog.set_level(logging.INFO, logger="assistant")
    old = await add_case(services.sessions, 1, minutes_old=800 * 24 * 60)  # past 730 days
    kept = await add_case(services.sessions, 2)
    settings = services.settings.model_copy(
        update={
            "job_poll_seconds": 0.05,
            "purge_first_delay_seconds": 0,
            "mail_sink_dir": tmp_path / "mail",
            "log_dir": tmp_path / "log",
        }
    )
    await set_due(services.sessions, "retention-purge", datetime.now(UTC))  # due now

    async with AsyncExitStack() as stack:
        for _ in range(PROCESSES):
            process = await Services.start(settings, encoder=HashingEncoder())
            stack.push_async_callback(process.aclose)
        await asyncio.sleep(1.5)  # thirty polls each

    async with services.sessions() as session:
        left = list((await session.execute(select(Case.reference))).scalars())
    assert left == [kept.reference] and old.reference not in left
    row = await JobLeases(services.sessions, 30).get("retention-purge")
    assert row is not None and row.runs == 1
    reports = [r for r in caplog.records if r.getMessage().startswith("retention: ")]
    assert len(reports) == 1 and "deleted 1 case(s)" in reports[0].getMessage()
    assert as_utc(row.due_at) > datetime.now(UTC) + timedelta(hours=23)  # next: tomorrow
