"""Three real app processes (``python -m assistant serve``, as the launcher starts it; no Rasa:
the app starts without it) on one PostgreSQL database, with a real SMTP server: each late case's
visitor is told once, each email is sent once, the purge and the weekly digest run once."""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from assistant import launcher
from assistant.cases.service import CaseService
from assistant.core.config import Settings
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.db.models import Case, OutboxEmail
from assistant.insights.digest import sending_time
from assistant.jobs import JobLeases
from assistant.kb.store import KnowledgeBaseStore
from tests.jobs.conftest import Sessions, add_case, add_cases_with_email, set_due, system_texts
from tests.mail.worker.conftest import Mailbox

PROCESSES = 3
LATE_CASES = 5
CASES_WITH_EMAIL = 4


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox(launcher.free_port()) as mailbox:
        yield mailbox


def _app_env(url: str, smtp_port: int, kb_dir: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "ASSISTANT_ENVIRONMENT": "test",
        "ASSISTANT_DATABASE_URL": url,
        "ASSISTANT_SMTP_PORT": str(smtp_port),
        "ASSISTANT_OUTBOX_POLL_SECONDS": "0.2",
        "ASSISTANT_CLAIM_TIMEOUT_SECONDS": "4",  # expiry checked every second
        "ASSISTANT_JOB_POLL_SECONDS": "0.2",
        "ASSISTANT_PURGE_FIRST_DELAY_SECONDS": "0",
        "ASSISTANT_INSIGHTS_DIGEST": "true",
        "ASSISTANT_KB_DIR": str(kb_dir),
        "ASSISTANT_KB_WATCH_SECONDS": "0",
        # no embedding model: the KB does not load (reported by /health), jobs do not need it
        "ASSISTANT_EMBEDDING_MODEL": str(tmp_path / "no-model"),
        "HF_HUB_OFFLINE": "1",
        "ASSISTANT_MAIL_SINK_DIR": str(tmp_path / "mail"),
        "ASSISTANT_LOG_DIR": str(tmp_path / "log"),
        "ASSISTANT_SECRET_KEY": secrets.token_urlsafe(32),
        "ASSISTANT_SECRET_KEY_FILE": str(tmp_path / "secret_key"),
        "ASSISTANT_ACTION_ENDPOINT_TOKEN_FILE": str(tmp_path / "token"),
    }


async def _prepare(url: str, kb_dir: Path) -> AsyncEngine:
    """The schema and the KB once (as a deployment's migration would); the two jobs not due
    before every process is up."""
    engine = create_engine(url)
    await create_schema(engine)
    sessions = session_factory(engine)
    await KnowledgeBaseStore(sessions).import_if_empty(kb_dir)
    later = datetime.now(UTC) + timedelta(hours=1)
    for job in ("retention-purge", "insights-digest"):
        await set_due(sessions, job, later)
    return engine


async def _give_work(sessions: Sessions, settings: Settings) -> list[Case]:
    """Late cases, a case past retention, emails to send; the purge and the digest due now."""
    late = [await add_case(sessions, n) for n in range(LATE_CASES)]
    await add_case(sessions, 900, minutes_old=800 * 24 * 60)  # past retention: purged
    cases = CaseService(sessions, settings)
    await add_cases_with_email(cases, CASES_WITH_EMAIL, language="en")
    for job in ("retention-purge", "insights-digest"):
        await set_due(sessions, job, datetime.now(UTC))
    return late


async def _state(sessions: Sessions) -> tuple[list[OutboxEmail], list[str], int, int]:
    leases = JobLeases(sessions, 30)
    purge, digest = await leases.get("retention-purge"), await leases.get("insights-digest")
    async with sessions() as session:
        emails = list((await session.execute(select(OutboxEmail))).scalars())
        statuses = list((await session.execute(select(Case.status))).scalars())
    return emails, statuses, purge.runs if purge else 0, digest.runs if digest else 0


@pytest.mark.slow  # three app processes importing torch: about a minute on two cores
async def test_three_app_processes_run_each_job_once(
    postgres_url: str,  # noqa: F811
    kb_dir: Path,
    tmp_path: Path,
    mailbox: Mailbox,
):
    settings = Settings(
        environment="test",
        database_url=postgres_url,
        secret_key=secrets.token_urlsafe(32),
        action_endpoint_token=secrets.token_urlsafe(32),
        secret_key_file=tmp_path / "secret_key",
        action_endpoint_token_file=tmp_path / "token",
    )
    engine = await _prepare(postgres_url, kb_dir)
    sessions = session_factory(engine)
    env = _app_env(postgres_url, mailbox.controller.port, kb_dir, tmp_path)
    apps, urls = [], []
    try:
        for number in range(PROCESSES):
            ports = {key: launcher.free_port() for key in ("app", "actions", "rasa")}
            apps.append(
                launcher.start_app(
                    port=ports["app"],
                    actions_port=ports["actions"],
                    rasa_port=ports["rasa"],  # nothing listens: Rasa is not needed here
                    token=secrets.token_urlsafe(32),
                    extra_env=env,
                    log_name=f"test-jobs-once-{number}",
                )
            )
            urls.append(f"http://127.0.0.1:{ports['app']}/health")
        for number, (app, url) in enumerate(zip(apps, urls, strict=True)):
            launcher.wait_until(url, app, f"app {number}", 180, ok=(200, 503))
        late = await _give_work(sessions, settings)  # all three are polling now
        digest_due = datetime.now(UTC) >= sending_time(datetime.now(UTC), settings.bureau_timezone)
        expected_emails = 2 * CASES_WITH_EMAIL + (1 if digest_due else 0)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            emails, statuses, purges, digests = await _state(sessions)
            sent = [e for e in emails if e.status == "sent"]
            done = len(sent) == expected_emails and statuses.count("email") >= LATE_CASES
            if done and purges and digests:
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(3)  # fifteen more polls of every job in every process
        assert all(app.poll() is None for app in apps), "an app process stopped"
        emails, statuses, purges, digests = await _state(sessions)
        async with sessions() as session:
            references = set((await session.execute(select(Case.reference))).scalars())
        told = [await system_texts(sessions, case.conversation_id) for case in late]
    finally:
        launcher.stop(apps)  # kills a process still importing torch for the KB after 15 s
        for app in apps:
            app.wait(timeout=10)
        await engine.dispose()

    assert len(emails) == expected_emails
    assert {(e.status, e.attempts) for e in emails} == {("sent", 1)}
    received = Counter(mailbox.message_ids)
    assert sorted(received) == sorted(e.message_id for e in emails)
    assert set(received.values()) == {1}  # each email sent once, whoever sent it
    assert [e.kind for e in emails].count("digest") == (1 if digest_due else 0)
    for case, texts in zip(late, told, strict=True):  # each visitor told once: by email
        assert len(texts) == 1 and case.reference in texts[0]
    assert "BRI-TEST-0900" not in references and len(references) == LATE_CASES + CASES_WITH_EMAIL
    assert (purges, digests) == (1, 1)  # each job once
    logged = [line for n in range(PROCESSES) for line in _sent_lines(n)]
    assert sorted(logged) == sorted(f"outbox email {e.id} sent" for e in emails)  # by whom


def _sent_lines(number: int) -> list[str]:
    """The "outbox email N sent" lines of app process ``number``'s log."""
    text = (launcher.LOG_DIR / f"test-jobs-once-{number}.log").read_text(encoding="utf-8")
    return re.findall(r"outbox email \d+ sent", text)
