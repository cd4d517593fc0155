"""A claimed case through the JSON API: replying, handing back, closing, notes, the case
detail, and who may do what."""

from __future__ import annotations

from assistant.core.i18n import t
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.staff.conftest import Clients, StaffClient, conversation, messages, open_case

# --- replying, handing back, closing -------------------------------------------------------


async def test_a_reply_puts_a_staff_message_in_the_visitors_conversation(
    services: Services, agent: StaffClient, clients: Clients
):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    response = await agent.post(
        f"/api/staff/cases/{case.id}/reply", {"text": "Bonjour, ici Agathe du Bureau."}
    )

    assert response.status_code == 201
    assert response.json()["sender"] == "staff"
    last = (await messages(services))[-1]
    assert (last.sender, last.text) == ("staff", "Bonjour, ici Agathe du Bureau.")
    visitor = await clients.anonymous()
    transcript = (await visitor.get("/api/conversations/conv-1")).json()["messages"]
    assert transcript[-1]["text"] == "Bonjour, ici Agathe du Bureau."
    detail = (await agent.get(f"/api/staff/cases/{case.id}")).json()
    assert detail["transcript"][-1]["sender_label"] == "Personnel du Bureau"


async def test_a_reply_must_be_1_to_4000_characters(services: Services, agent: StaffClient):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")
    for text in ["", "   ", "x" * 4001]:
        response = await agent.post(f"/api/staff/cases/{case.id}/reply", {"text": text})
        assert response.status_code == 422, text
        assert response.json()["error"]["code"] == "invalid_request"
    ok = await agent.post(f"/api/staff/cases/{case.id}/reply", {"text": "x" * 4000})
    assert ok.status_code == 201


async def test_hand_back_returns_the_conversation_to_the_bot(
    services: Services, agent: StaffClient, fake_rasa: FakeRasa, clients: Clients
):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    response = await agent.post(f"/api/staff/cases/{case.id}/handback")

    assert response.status_code == 200
    assert response.json()["conversation_status"] == "bot"
    assert (await conversation(services)).status == "bot"
    assert (await messages(services))[-1].text == t("back_to_bot", "fr")
    visitor = await clients.anonymous()
    await visitor.post("/api/chat", json={"text": "Merci!", "conversation_id": "conv-1"})
    assert len(fake_rasa.calls) == 1  # the assistant answers again


async def test_close_records_the_resolution(services: Services, agent: StaffClient):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    response = await agent.post(
        f"/api/staff/cases/{case.id}/close", {"resolution": "Rendez-vous fixé le 3 décembre."}
    )

    assert response.status_code == 200
    assert response.json()["resolution"] == "Rendez-vous fixé le 3 décembre."
    assert response.json()["case"]["status"] == "closed"
    stored = await services.cases.get(case.id)
    assert stored.status == "closed" and stored.closed_at is not None
    assert stored.resolution == "Rendez-vous fixé le 3 décembre."
    assert (await conversation(services)).status == "bot"
    empty = await agent.post(f"/api/staff/cases/{case.id}/close", {"resolution": ""})
    assert empty.status_code == 422


async def test_only_the_owner_may_reply_hand_back_or_close(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services)
    unclaimed = await colleague.post(f"/api/staff/cases/{case.id}/reply", {"text": "Bonjour"})
    assert unclaimed.status_code == 403
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    attempts = [
        await colleague.post(f"/api/staff/cases/{case.id}/reply", {"text": "Bonjour"}),
        await colleague.post(f"/api/staff/cases/{case.id}/handback"),
        await colleague.post(f"/api/staff/cases/{case.id}/close", {"resolution": "Fini."}),
    ]

    for response in attempts:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "case_not_owned"
    assert [m.sender for m in await messages(services)].count("staff") == 0
    assert (await services.cases.get(case.id)).status == "claimed"
    assert (await conversation(services)).status == "handoff"


async def test_any_staff_member_may_add_a_note(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services)
    await agent.post(f"/api/staff/cases/{case.id}/claim")

    response = await colleague.post(
        f"/api/staff/cases/{case.id}/notes", {"text": "Déjà écrit en 2025."}
    )

    assert response.status_code == 201
    notes = (await agent.get(f"/api/staff/cases/{case.id}")).json()["notes"]
    assert [(n["author"], n["text"]) for n in notes] == [
        (colleague.staff.name, "Déjà écrit en 2025.")
    ]
    assert all(m.text != "Déjà écrit en 2025." for m in await messages(services))  # internal


async def test_the_case_detail_has_brief_transcript_and_notes(
    services: Services, agent: StaffClient
):
    case = await open_case(
        services,
        audience="event_organizer",
        name="Jean Roy",
        email="jean@example.org",
        summary="Congrès de 800 personnes en 2027.",
        fields={"attendance": "800"},
    )
    detail = (await agent.get(f"/api/staff/cases/{case.id}")).json()
    brief = {line["label"]: line["value"] for line in detail["brief"]}
    assert brief["Référence / Reference"] == case.reference
    assert brief["Courriel / Email"] == "jean@example.org"
    assert brief["Participants attendus / Expected attendance"] == "800"
    assert [(line["sender"], line["sender_label"]) for line in detail["transcript"]] == [
        ("visitor", "Visiteur"),
        ("bot", "Assistant"),
    ]
    assert detail["notes"] == [] and detail["conversation_status"] == "bot"
