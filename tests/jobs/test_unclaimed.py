"""The "nobody claimed your request in time" message: posted once per case whatever the number
of processes expiring cases at once, and never contradicting a staff claim racing it."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from assistant.cases.service import CaseAlreadyClaimed, CaseService
from assistant.core.i18n import t
from assistant.db.models import Case
from assistant.services import Services
from tests.jobs.conftest import OpenSessions, add_case, system_texts
from tests.staff.conftest import add_staff

PROCESSES = 4


async def _case_services(services: Services, own_sessions: OpenSessions) -> list[CaseService]:
    return [CaseService(await own_sessions(), services.settings) for _ in range(PROCESSES)]


async def test_each_late_case_is_told_once_by_four_processes_expiring_at_once(
    services, own_sessions
):
    late = [await add_case(services.sessions, n) for n in range(6)]
    recent = await add_case(services.sessions, 99, minutes_old=0)  # within the claim timeout
    processes = await _case_services(services, own_sessions)

    rounds = [await asyncio.gather(*(p.expire_unclaimed() for p in processes)) for _ in range(3)]

    expired = [case.reference for runs in rounds for found in runs for case in found]
    assert sorted(expired) == sorted(case.reference for case in late)  # each by one process
    for case in late:
        texts = await system_texts(services.sessions, case.conversation_id)
        assert len(texts) == 1 and case.reference in texts[0]
        assert (await services.cases.get(case.id)).status == "email"
    assert await system_texts(services.sessions, recent.conversation_id) == []
    assert (await services.cases.get(recent.id)).status == "new"


async def test_a_claim_racing_the_expiry_gives_one_consistent_result(services, own_sessions):
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca", name="Agathe")
    cases = [await add_case(services.sessions, n) for n in range(8)]
    expirer, claimer, *_ = await _case_services(services, own_sessions)

    async def claim(case: Case) -> str:
        try:
            await claimer.claim(case.id, agent.id)
        except CaseAlreadyClaimed:
            return "refused"
        return "claimed"

    outcomes = await asyncio.gather(
        expirer.expire_unclaimed(), *(claim(case) for case in cases)
    )

    expired = {case.id for case in outcomes[0]}
    assert outcomes[1:] == ["claimed"] * len(cases)  # an expired case may still be taken
    joined, unclaimed = t("staff_joined", "fr"), "BRI-TEST-"
    for case in cases:
        texts = await system_texts(services.sessions, case.conversation_id)
        told = [text for text in texts if unclaimed in text]
        if case.id in expired:  # expiry first: told once, then the agent joins
            assert len(told) == 1 and texts.index(told[0]) < texts.index(joined)
        else:  # the claim first: never told nobody came
            assert told == [] and texts == [joined]
    async with services.sessions() as session:
        rows = (await session.execute(select(Case.status, Case.claimed_by))).all()
    assert set(rows) == {("claimed", agent.id)}
