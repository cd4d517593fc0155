"""A periodic job runs once per due moment whatever the number of processes asking at once; a
crashed holder's job is run by another process after its lease; a failed run is retried; a
long run keeps its lease. Each runner has its own engine on the one database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from assistant.db.clock import as_utc
from assistant.jobs import Job, JobLeases, JobRunner
from tests.jobs.conftest import OpenSessions, set_due

PROCESSES = 5


async def _runners(own_sessions: OpenSessions, lease: float = 30.0) -> list[JobRunner]:
    return [
        JobRunner(
            JobLeases(await own_sessions(), lease),
            poll_seconds=0.05,
            retry_seconds=60,
            lease_seconds=lease,
        )
        for _ in range(PROCESSES)
    ]


def _counting_job(runs: list[str], seconds: float = 0.2, every: float = 3600) -> Job:
    async def run() -> None:
        runs.append("ran")
        await asyncio.sleep(seconds)  # the others ask while it runs

    return Job("nightly", every=every, run=run)


async def test_of_five_processes_asking_at_once_one_runs_the_job(services, own_sessions):
    runners = await _runners(own_sessions)
    runs: list[str] = []
    job = _counting_job(runs)

    ran = await asyncio.gather(*(runner.run_if_due(job) for runner in runners))

    assert runs == ["ran"] and sorted(ran) == [False] * 4 + [True]
    row = await JobLeases(services.sessions, 30).get("nightly")
    assert row is not None and row.runs == 1 and row.owner is None
    # not due again before an hour: asking again runs nothing
    assert not any(await asyncio.gather(*(r.run_if_due(job) for r in runners)))
    assert runs == ["ran"]


async def test_each_due_moment_runs_once(services, own_sessions):
    runners = await _runners(own_sessions)
    runs: list[str] = []
    job = _counting_job(runs, seconds=0.05)

    for _moment in range(3):
        await asyncio.gather(*(runner.run_if_due(job) for runner in runners))
        await set_due(services.sessions, "nightly", datetime.now(UTC) - timedelta(seconds=1))

    assert runs == ["ran"] * 3
    row = await JobLeases(services.sessions, 30).get("nightly")
    assert row is not None and row.runs == 3


async def test_forever_loops_in_five_processes_run_a_due_job_once(services, own_sessions):
    runners = await _runners(own_sessions)
    runs: list[str] = []
    job = _counting_job(runs, seconds=0.05)
    loops = [asyncio.create_task(runner.run_forever(job)) for runner in runners]
    try:
        clock = asyncio.get_running_loop()
        deadline = clock.time() + 10  # a loaded machine: five engines connect first
        while not runs and clock.time() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # then twenty more polls each: none runs it again
    finally:
        for loop in loops:
            loop.cancel()
        await asyncio.gather(*loops, return_exceptions=True)
    assert runs == ["ran"]


async def test_a_crashed_holders_job_is_run_by_another_process_after_its_lease(
    services, own_sessions
):
    crashed = JobLeases(await own_sessions(), lease_seconds=0.5)
    lease = await crashed.claim("nightly", first_due=datetime.now(UTC))
    assert lease is not None  # ... and the process dies before the end of the run
    runs: list[str] = []
    job = _counting_job(runs, seconds=0)
    other = (await _runners(own_sessions))[0]

    assert not await other.run_if_due(job)  # still held
    await asyncio.sleep(0.6)
    assert await other.run_if_due(job)

    assert runs == ["ran"]
    assert not await crashed.finish(lease, datetime.now(UTC))  # too late: changes nothing
    row = await crashed.get("nightly")
    assert row is not None and row.runs == 1
    assert as_utc(row.due_at) > datetime.now(UTC)  # next due in an hour


async def test_a_failed_run_is_due_again_after_the_retry_time(services, own_sessions, caplog):
    runner = (await _runners(own_sessions))[0]
    attempts: list[str] = []

    async def failing() -> None:
        attempts.append("tried")
        raise RuntimeError("smtp.example.org refused ana.garcia@example.es")

    job = Job("digest", every=3600, run=failing)
    assert await runner.run_if_due(job)
    assert not await runner.run_if_due(job)  # not before the retry time (60 s)

    row = await JobLeases(services.sessions, 30).get("digest")
    assert row is not None and row.runs == 0 and row.owner is None
    assert attempts == ["tried"]
    assert "job digest failed (RuntimeError)" in caplog.text
    assert "ana.garcia" not in caplog.text  # the error's text is not logged

    await set_due(services.sessions, "digest", datetime.now(UTC))
    assert await runner.run_if_due(job) and attempts == ["tried", "tried"]


async def test_a_run_longer_than_the_lease_keeps_it(services, own_sessions):
    runners = await _runners(own_sessions, lease=0.3)
    runs: list[str] = []
    job = _counting_job(runs, seconds=1.2)  # four leases long

    first = asyncio.create_task(runners[0].run_if_due(job))
    await asyncio.sleep(0.1)
    late: list[bool] = []
    while not first.done():  # the others keep asking during the whole run
        late += await asyncio.gather(*(r.run_if_due(job) for r in runners[1:]))
        await asyncio.sleep(0.1)

    assert await first and not any(late) and runs == ["ran"]
    row = await JobLeases(services.sessions, 30).get("nightly")
    assert row is not None and row.runs == 1
