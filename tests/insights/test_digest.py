"""The weekly digest: staged once a week in the outbox from Monday 08:00 (the Bureau's time),
and received by a real SMTP server (aiosmtpd) through the outbox worker."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from assistant.core.config import Settings
from assistant.db.inbox_models import InboxItem
from assistant.db.models import OutboxEmail
from assistant.insights.digest import last_week, send_weekly_digest
from assistant.launcher import free_port
from assistant.mail.worker import OutboxWorker
from assistant.services import Services
from tests.fakes import HashingEncoder
from tests.mail.worker.conftest import Mailbox

MONDAY_9AM = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)  # 09:00 in Québec City
MONDAY_7AM = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def settings(settings: Settings, smtp_port: int) -> Settings:
    return settings.model_copy(update={"smtp_port": smtp_port, "smtp_timeout_seconds": 5.0})


async def _stage(services: Services, now: datetime) -> bool:
    return await send_weekly_digest(
        services.sessions,
        to="bri@ville.quebec.qc.ca",
        timezone="America/Toronto",
        group_threshold=0.88,
        dashboard_url="https://assistant.example/staff/insights",
        now=now,
    )


async def _digests(services: Services) -> list[OutboxEmail]:
    async with services.sessions() as session:
        rows = await session.execute(select(OutboxEmail).where(OutboxEmail.kind == "digest"))
        return list(rows.scalars())


def test_the_digest_covers_monday_to_sunday_before_its_sending_time():
    week = last_week(MONDAY_9AM, "America/Toronto")
    assert (week.first.isoformat(), week.last.isoformat()) == ("2026-11-09", "2026-11-15")


async def test_staged_once_a_week_and_not_before_monday_8am(history):
    assert await _stage(history, MONDAY_7AM) is False
    assert await _stage(history, MONDAY_9AM) is True
    assert await _stage(history, MONDAY_9AM.replace(hour=20)) is False  # same week: once
    rows = await _digests(history)
    assert [(r.to_address, r.status, r.case_id) for r in rows] == [
        ("bri@ville.quebec.qc.ca", "pending", None)
    ]


async def test_the_bureau_receives_the_weeks_figures_and_top_unanswered_questions(
    history, settings, smtp_port
):
    async with history.sessions() as session, session.begin():
        session.add(
            InboxItem(
                key="k1",
                text="Comment [nom] obtient-il un visa de visiteur?",
                language="fr",
                reason="no_answer",
                count=3,
                pending=3,
                last_seen=datetime(2026, 11, 12, 12, tzinfo=UTC),
            )
        )
    assert await _stage(history, MONDAY_9AM)
    with Mailbox(smtp_port) as mailbox:
        assert await OutboxWorker(history.sessions, settings).run_once() == 1
    [received] = mailbox.received
    assert received.rcpt_tos == ["bri@ville.quebec.qc.ca"]
    assert received.subject == (
        "Assistant international : la semaine du 2026-11-09 au 2026-11-15 / "
        "International assistant: the week of 2026-11-09 to 2026-11-15"
    )
    body = received.message.get_content()
    assert "Conversations" in body and "8 | 1 | +700 %" in body  # this week | the week before
    assert "Taux de réponse" in body and "Answer rate" in body
    assert "33 % | 100 % | -67 pts" in body
    assert "1. Comment [nom] obtient-il un visa de visiteur? (FR, 3)" in body
    assert "https://assistant.example/staff/insights?from=2026-11-09&to=2026-11-15" in body


async def test_the_app_sends_it_only_when_the_setting_is_on(settings):
    assert Settings.model_fields["insights_digest"].default is False
    on = settings.model_copy(
        update={"insights_digest": True, "insights_digest_to": "chiffres@ville.quebec.qc.ca"}
    )
    services = await Services.start(on, encoder=HashingEncoder())
    try:
        assert await services.send_digest_if_due() in (True, False)  # the task may be first
        [row] = await _digests(services)
        assert row.to_address == "chiffres@ville.quebec.qc.ca"
    finally:
        await services.aclose()
