"""Retention of every store, with the clock moved forward: conversations without a case go
after their own period, logs after theirs, and cases, their emails, review-inbox items and mail
files after the case period; a tracker store the purge cannot reach is reported, not ignored
(Rasa's SQL tracker store: tests/privacy/test_rasa_trackers.py)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.cases.service import NewCase
from assistant.db.inbox_models import InboxItem, InboxOccurrence
from assistant.db.models import Case, Conversation, Message, OutboxEmail
from assistant.privacy.retention import RetentionPolicy, purge_everything
from assistant.privacy.retention_trackers import ENDPOINTS, configured_store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _touch(path: Path, when: datetime) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


@pytest.fixture
def policy(tmp_path: Path) -> RetentionPolicy:
    return RetentionPolicy(
        case_days=730,
        conversation_days=90,
        log_days=30,
        mail_dir=tmp_path / "mail",
        log_dir=tmp_path / "log",
        endpoints=tmp_path / "endpoints.yml",
    )


async def _seed(services, policy: RetentionPolicy) -> None:
    """At T0: a conversation that led to a case, one that did not, an inbox item, an email
    file and a log file."""
    async with services.sessions() as session, session.begin():
        for conversation_id in ("with-case", "chat-only"):
            session.add(Conversation(id=conversation_id, created_at=T0, updated_at=T0))
            session.add(
                Message(
                    conversation_id=conversation_id,
                    sender="visitor",
                    text="Je m'appelle Zoé Tremblay",
                    created_at=T0,
                )
            )
        item = InboxItem(
            key="k" * 64,
            text="[nom] cherche un permis",
            language="fr",
            reason="fallback",
            first_seen=T0,
            last_seen=T0,
        )
        session.add(item)
        await session.flush()
        session.add(InboxOccurrence(source="message", source_id=1, item_id=item.id))
    case = await services.cases.create(
        NewCase(
            conversation_id="with-case",
            language="fr",
            name="Zoé",
            email="zoe@example.org",
            summary="Rencontre",
        )
    )
    async with services.sessions() as session, session.begin():
        row = await session.get(Case, case.id)
        assert row is not None
        row.created_at = T0
        for email in (await session.execute(select(OutboxEmail))).scalars():
            email.created_at, email.status = T0, "sent"
    _touch(policy.mail_dir / "20260302-abc.eml", T0)
    _touch(policy.log_dir / "app.log", T0)


async def _count(services, model) -> int:
    async with services.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def _conversations(services) -> set[str]:
    async with services.sessions() as session:
        return set((await session.execute(select(Conversation.id))).scalars())


async def test_each_store_goes_after_its_own_period(services, policy):
    await _seed(services, policy)

    early = await purge_everything(services.sessions, policy, now=T0 + timedelta(days=10))
    assert "0 case(s), 0 conversation(s)" in str(early) and early.log_files == 0
    assert await _conversations(services) == {"with-case", "chat-only"}

    month = await purge_everything(services.sessions, policy, now=T0 + timedelta(days=31))
    assert month.log_files == 1 and not (policy.log_dir / "app.log").exists()
    assert await _conversations(services) == {"with-case", "chat-only"}

    quarter = await purge_everything(services.sessions, policy, now=T0 + timedelta(days=91))
    assert quarter.database.conversations == 1
    assert await _conversations(services) == {"with-case"}  # its case keeps it
    assert await _count(services, Case) == 1 and await _count(services, InboxItem) == 1
    assert (policy.mail_dir / "20260302-abc.eml").exists()

    later = await purge_everything(services.sessions, policy, now=T0 + timedelta(days=731))
    assert (later.database.cases, later.database.conversations) == (1, 1)
    assert (later.inbox_items, later.mail_files) == (1, 1)
    assert await _conversations(services) == set()
    for model in (Case, Message, OutboxEmail, InboxItem, InboxOccurrence):
        assert await _count(services, model) == 0, model
    assert list(policy.mail_dir.iterdir()) == []
    assert later.problems == [] and "NOT PURGED" not in str(later)


async def test_a_recent_message_keeps_a_conversation_without_a_case(services, policy):
    await _seed(services, policy)
    async with services.sessions() as session, session.begin():
        session.add(
            Message(
                conversation_id="chat-only",
                sender="visitor",
                text="encore",
                created_at=T0 + timedelta(days=60),
            )
        )
    await purge_everything(services.sessions, policy, now=T0 + timedelta(days=91))
    assert "chat-only" in await _conversations(services)


def test_rasa_keeps_its_trackers_in_an_sql_store_the_purge_reaches():
    assert configured_store(ENDPOINTS) == "SQL"


async def test_a_tracker_store_without_a_purge_is_reported_as_not_purged(services, policy):
    policy.endpoints.write_text("tracker_store:\n  type: redis\n  url: localhost\n")
    assert configured_store(policy.endpoints) == "redis"
    report = await purge_everything(services.sessions, policy, now=T0)
    assert len(report.problems) == 1 and "'redis'" in report.problems[0]
    assert "NOT PURGED" in str(report) and "retention_trackers.py" in str(report)


def test_the_settings_give_the_periods_and_places(settings):
    policy = RetentionPolicy.from_settings(settings)
    assert (policy.case_days, policy.conversation_days, policy.log_days) == (730, 90, 90)
    assert policy.mail_dir == settings.mail_sink_dir and policy.log_dir == settings.log_dir
