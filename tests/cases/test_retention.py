"""Retention: cases and conversations past the period promised in the consent notice are gone;
anything recent, and any email still waiting to be sent, stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from assistant.__main__ import main
from assistant.cases.retention import purge_expired
from assistant.cases.service import NewCase
from assistant.db.models import Case, CaseNote, Conversation, Feedback, Message, OutboxEmail

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=800)
RECENT = NOW - timedelta(days=10)


async def _conversation(services, conversation_id: str, when: datetime) -> None:
    async with services.sessions() as session, session.begin():
        session.add(Conversation(id=conversation_id, created_at=when, updated_at=when))
        session.add(
            Message(
                conversation_id=conversation_id,
                sender="visitor",
                text="Je m'appelle Zoé",
                created_at=when,
            )
        )
        session.add(
            Feedback(
                conversation_id=conversation_id,
                kb_entry="bureau-contact",
                value="down",
                created_at=when,
            )
        )


async def _case(services, conversation_id: str, when: datetime) -> int:
    case = await services.cases.create(
        NewCase(
            conversation_id=conversation_id,
            language="fr",
            name="Zoé Tremblay",
            email="zoe@example.org",
            summary="Rencontre",
        )
    )
    async with services.sessions() as session, session.begin():
        row = await session.get(Case, case.id)
        assert row is not None
        row.created_at = when
        session.add(CaseNote(case_id=case.id, text="note", created_at=when))
        for email in (await session.execute(select(OutboxEmail))).scalars():
            if email.case_id == case.id:
                email.created_at = when
                email.status = "sent"
    return case.id


async def _count(services, model) -> int:
    async with services.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_old_cases_and_conversations_are_deleted_recent_ones_kept(services):
    await _conversation(services, "old", OLD)
    await _conversation(services, "recent", RECENT)
    old_case = await _case(services, "old", OLD)
    recent_case = await _case(services, "recent", RECENT)

    report = await purge_expired(services.sessions, retention_days=730, now=NOW)

    assert (report.cases, report.conversations) == (1, 1)
    async with services.sessions() as session:
        assert await session.get(Case, old_case) is None
        assert await session.get(Case, recent_case) is not None
        assert await session.get(Conversation, "old") is None
        assert await session.get(Conversation, "recent") is not None
        left = (await session.execute(select(Message.conversation_id))).scalars().all()
        assert set(left) == {"recent"}
        assert (await session.execute(select(Feedback.conversation_id))).scalars().all() == [
            "recent"
        ]
        notes = (await session.execute(select(CaseNote.case_id))).scalars().all()
        assert notes == [recent_case]
        emails = (await session.execute(select(OutboxEmail.case_id))).scalars().all()
        assert emails and set(emails) == {recent_case}


async def test_an_old_conversation_with_a_recent_message_or_case_is_kept(services):
    await _conversation(services, "long", OLD)
    async with services.sessions() as session, session.begin():
        session.add(
            Message(conversation_id="long", sender="visitor", text="encore", created_at=RECENT)
        )
    await purge_expired(services.sessions, retention_days=730, now=NOW)
    assert await _count(services, Conversation) == 1


async def test_an_email_not_yet_sent_survives_its_old_case(services):
    await _conversation(services, "old", OLD)
    case_id = await _case(services, "old", OLD)
    async with services.sessions() as session, session.begin():
        for email in (await session.execute(select(OutboxEmail))).scalars():
            email.status = "pending"
    await purge_expired(services.sessions, retention_days=730, now=NOW)
    async with services.sessions() as session:
        pending = (await session.execute(select(OutboxEmail))).scalars().all()
    assert pending and all(email.status == "pending" for email in pending)
    assert all(email.case_id is None for email in pending)
    assert case_id


def test_the_purge_command_reports_what_it_deleted(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'p.sqlite3'}")
    monkeypatch.setenv("ASSISTANT_MAIL_SINK_DIR", str(tmp_path / "mail"))
    monkeypatch.setenv("ASSISTANT_LOG_DIR", str(tmp_path / "log"))
    from assistant.core.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["purge"]) == 0
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "Retention 730 days (conversations without a case 90, logs 90)" in out
    assert "deleted 0 case(s), 0 conversation(s)" in out and "0 review-inbox item(s)" in out
