"""Runs periodic jobs once per due moment across every app process sharing the database.

Each process calls ``run_forever(job)``: every ``poll_seconds`` it tries to claim the job's
lease (``assistant/jobs/leases.py``); the one that gets it runs the job, renewing the lease
while the job runs, then sets the next due moment (``every`` after the claim). A failed run is
due again after ``retry_seconds``; a crashed process's lease expires and another runs the job.
Logs name the job and the error type, never the error's text (it may hold personal data).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.db.clock import utcnow
from assistant.jobs.leases import JobLeases, Lease

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """``run`` every ``every`` seconds, the first time ``first_delay`` seconds after the
    first process that knows the job started."""

    name: str
    every: float
    run: Callable[[], Awaitable[object]]
    first_delay: float = 0.0


class JobRunner:
    def __init__(
        self, leases: JobLeases, *, poll_seconds: float, retry_seconds: float, lease_seconds: float
    ) -> None:
        self._leases = leases
        self._poll = poll_seconds
        self._retry = retry_seconds
        self._renew_every = max(lease_seconds / 3, 0.05)

    async def run_forever(self, job: Job) -> None:
        while True:
            try:
                await self.run_if_due(job)
            except Exception as error:  # the database is away: the next poll tries again
                log.error("job %s: could not claim (%s)", job.name, type(error).__name__)
            await asyncio.sleep(min(self._poll, job.every))

    async def run_if_due(self, job: Job, now: datetime | None = None) -> bool:
        """Run ``job`` if it is due and no other process runs it; True if this one ran it."""
        now = now or utcnow()
        lease = await self._leases.claim(
            job.name, first_due=now + timedelta(seconds=job.first_delay), now=now
        )
        if lease is None:
            return False
        renewing = asyncio.create_task(self._renew(lease))
        try:
            await job.run()
        except Exception as error:
            log.error("job %s failed (%s); retried later", job.name, type(error).__name__)
            retry = utcnow() + timedelta(seconds=min(self._retry, job.every))
            await self._leases.release(lease, retry)
            return True
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        if not await self._leases.finish(lease, now + timedelta(seconds=job.every)):
            log.warning("job %s: lease lost during the run (ran longer than the lease)", job.name)
        return True

    async def _renew(self, lease: Lease) -> None:
        """Keeps the lease while the job runs, so that a long run is not taken over."""
        current: Lease | None = lease
        while current is not None:
            await asyncio.sleep(self._renew_every)
            try:
                current = await self._leases.extend(current)
            except Exception as error:  # try again at the next renewal
                log.warning("job %s: lease not renewed (%s)", lease.name, type(error).__name__)
