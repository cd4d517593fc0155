"""Leases on periodic jobs in the shared database: of N processes asking at once, one runs it.

Every step is one conditional ``UPDATE`` on the job's row in ``job_leases``, the same statement
on SQLite and PostgreSQL:

* **claim**: ``SET owner = token, lease_until = now + lease WHERE name = job AND due_at <= now
  AND (lease_until IS NULL OR lease_until < now)``. One process's row count is 1, the others'
  0 (PostgreSQL re-checks the condition on the row the winner committed; SQLite's
  ``BEGIN IMMEDIATE`` runs the updates one after the other).
* **extend** (while the job runs) and **finish** / **release** are fenced by the token: a
  process whose lease expired (it stalled, or another one took over after a crash) changes
  nothing. ``finish`` sets the next due moment and counts the run; ``release`` (the run
  failed) makes the job due again at the retry time.

A process that crashes mid-run holds the job until its lease expires; then another runs it.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.db.clock import utcnow
from assistant.db.job_models import JobLease


@dataclass(frozen=True)
class Lease:
    """A claim that succeeded: the job ``name`` is this process's until ``until``."""

    name: str
    token: str
    until: datetime


def new_token() -> str:
    """Names the run for operators (host and process id) and makes it unique (random part)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class JobLeases:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], lease_seconds: float) -> None:
        self._sessions = sessions
        self._lease = timedelta(seconds=lease_seconds)

    async def claim(
        self, name: str, *, first_due: datetime, now: datetime | None = None
    ) -> Lease | None:
        """The job if it is due and nobody holds it (or the holder's lease expired); None
        otherwise. A job seen for the first time is due at ``first_due``."""
        now = now or utcnow()
        await self._ensure(name, first_due)
        lease = Lease(name, new_token(), now + self._lease)
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(JobLease)
                .where(
                    JobLease.name == name,
                    JobLease.due_at <= now,
                    or_(JobLease.lease_until.is_(None), JobLease.lease_until < now),
                )
                .values(owner=lease.token, lease_until=lease.until)
                .execution_options(synchronize_session=False)
            )
        return lease if _rowcount(result) == 1 else None

    async def extend(self, lease: Lease) -> Lease | None:
        """The same lease until a later time; None if it is no longer ours."""
        longer = Lease(lease.name, lease.token, utcnow() + self._lease)
        changed = await self._fenced(lease, owner=lease.token, lease_until=longer.until)
        return longer if changed else None

    async def finish(self, lease: Lease, next_due: datetime) -> bool:
        """The run is done: due again at ``next_due``. False if the lease was lost meanwhile
        (another process may have run the job too: its run counts, this one does not)."""
        return await self._fenced(
            lease,
            owner=None,
            lease_until=None,
            due_at=next_due,
            runs=JobLease.runs + 1,
            last_finished_at=utcnow(),
        )

    async def release(self, lease: Lease, retry_at: datetime) -> bool:
        """The run failed: due again at ``retry_at``, for whichever process asks first."""
        return await self._fenced(lease, owner=None, lease_until=None, due_at=retry_at)

    async def get(self, name: str) -> JobLease | None:
        async with self._sessions() as session:
            return await session.get(JobLease, name)

    async def _fenced(self, lease: Lease, **values: object) -> bool:
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(JobLease)
                .where(JobLease.name == lease.name, JobLease.owner == lease.token)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        return _rowcount(result) == 1

    async def _ensure(self, name: str, first_due: datetime) -> None:
        """The job's row, created by whichever process comes first."""
        async with self._sessions() as session:
            if await session.scalar(select(JobLease.name).where(JobLease.name == name)):
                return
        try:
            async with self._sessions() as session, session.begin():
                session.add(JobLease(name=name, due_at=first_due, runs=0))
        except IntegrityError:  # another process created it meanwhile
            pass


def _rowcount(result: object) -> int:
    return int(result.rowcount)  # type: ignore[attr-defined]
