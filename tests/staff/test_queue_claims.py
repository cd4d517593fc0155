"""The staff queue through the JSON API: listing, ages, closed cases, the dead-letter banner,
and claiming (a second claim, the bot falling silent, 50 claims at once, an unknown case)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update

from assistant.core.i18n import t
from assistant.db.models import Case, OutboxEmail
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.staff.conftest import Clients, StaffClient, add_staff, conversation, messages, open_case

# --- the queue -----------------------------------------------------------------------------


async def test_the_queue_lists_a_new_case(services: Services, agent: StaffClient):
    case = await open_case(
        services, audience="investor", name="Camille Martin", summary="Implanter une usine."
    )

    queue = (await agent.get("/api/staff/cases")).json()

    assert queue["dead_emails"] == 0
    [row] = queue["cases"]
    assert row["id"] == case.id and row["reference"] == case.reference
    assert row["status"] == "new" and row["status_label"] == "Nouvelle"
    assert row["audience_label"] == "Investisseur"
    assert row["language_label"] == "Français"
    assert row["reason_label"] == "Le visiteur a demandé une personne"
    assert row["age_label"] == "à l'instant"
    assert row["visitor"] == "Camille Martin"
    assert row["claimed_by"] is None and row["mine"] is False

    english = (await agent.get("/api/staff/cases?lang=en")).json()["cases"][0]
    assert (english["status_label"], english["audience_label"]) == ("New", "Investor")
    assert english["age_label"] == "just now"

    page = await agent.get("/staff")
    assert page.status_code == 200
    assert case.reference in page.text and "Camille Martin" in page.text


async def test_age_reads_like_il_y_a_5_min(services: Services, agent: StaffClient):
    case = await open_case(services)
    async with services.sessions() as session, session.begin():
        stored = await session.get(Case, case.id)
        assert stored is not None
        earlier = stored.created_at - timedelta(minutes=5, seconds=10)
        await session.execute(update(Case).where(Case.id == case.id).values(created_at=earlier))
    [row] = (await agent.get("/api/staff/cases")).json()["cases"]
    assert row["age_label"] == "il y a 5 min"
    assert (await agent.get("/api/staff/cases?lang=en")).json()["cases"][0][
        "age_label"
    ] == "5 min ago"


async def test_closed_cases_leave_the_queue(services: Services, agent: StaffClient):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")
    await agent.post(f"/api/staff/cases/{case.id}/close", {"resolution": "Répondu par courriel."})
    assert (await agent.get("/api/staff/cases")).json()["cases"] == []


async def test_dead_letter_emails_show_a_banner_with_their_count(
    services: Services, agent: StaffClient
):
    await open_case(services, email="visiteur@example.org")  # stages two emails
    page = await agent.get("/staff")
    assert (
        'id="dead-letters"' in page.text
        and " hidden>" in page.text.split('id="dead-letters"')[1].split("\n")[0]
    )

    async with services.sessions() as session, session.begin():
        await session.execute(update(OutboxEmail).values(status="dead"))

    assert (await agent.get("/api/staff/cases")).json()["dead_emails"] == 2
    banner = (await agent.get("/staff")).text.split('id="dead-letters"')[1].split("</p>")[0]
    assert " hidden" not in banner.split(">")[0]
    assert "Courriels non distribués : 2." in banner


# --- claiming ------------------------------------------------------------------------------


async def test_claim_then_a_second_claim_is_409(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services)

    first = await agent.post(f"/api/staff/cases/{case.id}/claim")
    second = await colleague.post(f"/api/staff/cases/{case.id}/claim")
    again = await agent.post(f"/api/staff/cases/{case.id}/claim")

    assert first.status_code == 200
    assert first.json()["status"] == "claimed" and first.json()["mine"] is True
    assert first.json()["claimed_by_name"] == agent.staff.name
    assert second.status_code == again.status_code == 409
    assert second.json() == {
        "error": {
            "code": "case_already_claimed",
            "message": f"{t('case_already_claimed', 'fr')} / {t('case_already_claimed', 'en')}",
            "conversation_id": None,
        }
    }
    seen_by_colleague = (await colleague.get(f"/api/staff/cases/{case.id}")).json()["case"]
    assert seen_by_colleague["mine"] is False
    assert seen_by_colleague["claimed_by_name"] == agent.staff.name


async def test_after_a_claim_the_bot_is_silent(
    services: Services, agent: StaffClient, fake_rasa: FakeRasa, clients: Clients
):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    assert (await conversation(services)).status == "handoff"
    assert (await messages(services))[-1].text == t("staff_joined", "fr")
    visitor = await clients.anonymous()
    reply = await visitor.post("/api/chat", json={"text": "Allô?", "conversation_id": "conv-1"})
    assert reply.json()["outcome"] == "handoff" and reply.json()["messages"] == []
    assert fake_rasa.calls == []


async def test_fifty_simultaneous_claims_let_exactly_one_through(
    services: Services, clients: Clients
):
    staff = [await add_staff(services, f"agent{i:02}@ville.quebec.qc.ca") for i in range(50)]
    # from 50 addresses: sign-in attempts are counted per address, in flight included
    signed_in = await asyncio.gather(
        *(clients.sign_in(member, host=f"10.1.{i}.1") for i, member in enumerate(staff))
    )
    assert len({client.csrf_token for client in signed_in}) == 50

    for round_ in range(3):
        case = await open_case(services, conversation_id=f"conv-race-{round_}")

        responses = await asyncio.gather(
            *(client.post(f"/api/staff/cases/{case.id}/claim") for client in signed_in)
        )

        statuses = sorted(response.status_code for response in responses)
        assert statuses == [200] + [409] * 49, statuses
        assert all(
            r.json()["error"]["code"] == "case_already_claimed"
            for r in responses
            if r.status_code == 409
        )
        winner = next(c for c, r in zip(signed_in, responses, strict=True) if r.status_code == 200)
        assert (await services.cases.get(case.id)).claimed_by == winner.staff.id
        joined = [
            m for m in await messages(services, f"conv-race-{round_}") if m.sender == "system"
        ]
        assert len(joined) == 1  # the visitor is told once, by the one claim that won


async def test_an_unknown_case_is_404(agent: StaffClient):
    for response in [
        await agent.get("/api/staff/cases/999"),
        await agent.post("/api/staff/cases/999/claim"),
        await agent.post("/api/staff/cases/999/notes", {"text": "?"}),
    ]:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "case_not_found"
