"""The staff queue through the JSON API and the pages: listing, claiming (also 50 at once),
replying, handing back, closing, notes, and who may do what."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from markupsafe import escape
from sqlalchemy import select, update

from assistant.core.i18n import t
from assistant.db.models import Case, Conversation, Message, OutboxEmail
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.staff.conftest import Clients, StaffClient, add_staff, open_case


async def conversation(services: Services, conversation_id: str = "conv-1") -> Conversation:
    async with services.sessions() as session:
        found = await session.get(Conversation, conversation_id)
        assert found is not None
        return found


async def messages(services: Services, conversation_id: str = "conv-1") -> list[Message]:
    async with services.sessions() as session:
        query = select(Message).where(Message.conversation_id == conversation_id)
        return list((await session.execute(query.order_by(Message.id))).scalars())


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
    signed_in = await asyncio.gather(*(clients.sign_in(member) for member in staff))
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


# --- the pages -----------------------------------------------------------------------------


async def test_the_case_page_walks_through_claim_reply_note_and_close(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services, name="Jean Roy")
    page = f"/staff/cases/{case.id}"
    assert 'id="claim"' in (await agent.get(page)).text

    claimed = await agent.submit(f"{page}/claim")
    assert claimed.status_code == 303 and claimed.headers["location"] == f"{page}?notice=claimed"
    mine = (await agent.get(claimed.headers["location"])).text
    assert escape(t("staff.notice.claimed", "fr")) in mine
    assert 'id="reply"' in mine and 'id="handback"' in mine and 'id="close"' in mine

    theirs = (await colleague.get(page)).text
    assert 'id="reply"' not in theirs and 'id="claim"' not in theirs
    assert "a pris ce dossier en charge" in theirs
    refused = await colleague.submit(f"{page}/reply", {"text": "Bonjour"})
    assert refused.headers["location"] == f"{page}?error=case_not_owned"
    assert (
        escape(t("case_not_owned", "fr")) in (await colleague.get(refused.headers["location"])).text
    )

    assert (await agent.submit(f"{page}/reply", {"text": "Bonjour!"})).status_code == 303
    assert (await agent.submit(f"{page}/notes", {"text": "Rappeler lundi."})).status_code == 303
    empty = await agent.submit(f"{page}/notes", {"text": "  "})
    assert empty.headers["location"] == f"{page}?error=text_invalid"
    closed = await agent.submit(f"{page}/close", {"resolution": "Réglé au téléphone."})
    assert closed.headers["location"] == f"{page}?notice=closed"

    final = (await agent.get(page)).text
    assert "Bonjour!" in final and "Rappeler lundi." in final and "Réglé au téléphone." in final
    assert 'id="reply"' not in final
    assert (await services.cases.get(case.id)).status == "closed"


async def test_an_unknown_case_page_is_a_404_page(agent: StaffClient):
    response = await agent.get("/staff/cases/424242")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]


async def test_staff_pages_send_a_strict_csp_and_no_store(agent: StaffClient):
    for path in ["/staff", "/staff/login", "/api/staff/cases"]:
        response = await agent.get(path)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["cache-control"] == "no-store"
    page = (await agent.get("/staff")).text
    assert "<script>" not in page and " style=" not in page  # no inline script or style


async def test_the_api_is_documented_in_openapi(agent: StaffClient):
    schema = (await agent.get("/openapi.json")).json()
    staff_paths = {path for path in schema["paths"] if path.startswith("/api/staff")}
    assert {
        "/api/staff/cases",
        "/api/staff/cases/{case_id}",
        "/api/staff/cases/{case_id}/claim",
        "/api/staff/cases/{case_id}/reply",
        "/api/staff/cases/{case_id}/handback",
        "/api/staff/cases/{case_id}/close",
        "/api/staff/cases/{case_id}/notes",
    } <= staff_paths
    claim = schema["paths"]["/api/staff/cases/{case_id}/claim"]["post"]
    assert claim["tags"] == ["staff"]
    assert {"200", "401", "403", "404", "409"} <= set(claim["responses"])
    assert not any(path.startswith("/staff") for path in schema["paths"])  # pages stay out


def test_every_console_string_exists_in_french_and_english():
    import re
    from pathlib import Path

    from assistant.core.i18n import STRINGS

    root = Path(__file__).resolve().parents[2] / "assistant"
    sources = [*(root / "web" / "templates" / "staff").glob("*.html")]
    sources += [*(root / "web" / "staff").glob("*.py"), *(root / "staff").glob("*.py")]
    keys = set()
    for source in sources:
        text = source.read_text()
        keys |= set(re.findall(r"""tr(?:_other)?\(['"]([\w.]+)['"]\)""", text))
        keys |= set(re.findall(r"""['"](staff\.[a-z_]+(?:\.[a-z_]+)*)['"]""", text))
    keys |= {"staff.status." + s for s in ("new", "claimed", "email", "closed")}
    keys |= {"staff.sender." + s for s in ("visitor", "bot", "staff", "system")}
    keys |= {"staff.conversation." + s for s in ("bot", "handoff", "closed", "other")}
    keys |= {"case_not_found", "case_already_claimed", "case_not_owned", "not_signed_in"}
    keys |= {"invalid_credentials", "login_throttled", "csrf_rejected", "role_forbidden"}
    assert len(keys) > 60
    missing = sorted(k for k in keys if not (STRINGS.get(k, {}).get("fr") and STRINGS[k].get("en")))
    assert missing == []
