"""The editor's actions on a group, through the JSON API and the pages: add the question as a
new phrasing (live at once), draft a new entry, dismiss; and who may do what."""

from __future__ import annotations

import httpx
from markupsafe import escape

from assistant.services import Services
from tests.inbox.conftest import Clients, StaffClient, add_turn

QUESTION = "Où stationner près du centre des congrès?"


async def one_group(staff: StaffClient) -> dict:
    (group,) = (await staff.get("/api/staff/inbox")).json()["groups"]
    return group


async def test_adding_a_phrasing_puts_it_live_and_closes_the_group(
    services: Services, editor: StaffClient
):
    await add_turn(services, QUESTION, "fallback")
    assert services.kb is not None and services.kb.retriever is not None
    assert services.kb.retriever.decide(QUESTION).kind != "answer"
    group = await one_group(editor)

    response = await editor.post(
        "/api/staff/inbox/phrasing",
        {"item_ids": group["item_ids"], "entry_id": "events-congress-centre"},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["language"], body["text"], body["already_present"]) == ("fr", QUESTION, False)
    entry = await services.kb_store.published_entry("events-congress-centre")
    assert entry is not None and QUESTION in entry.content("fr").questions
    decision = services.kb.retriever.decide(QUESTION)  # the live index, no restart
    assert (decision.kind, decision.candidates[0].entry.id) == ("answer", "events-congress-centre")
    assert (await editor.get("/api/staff/inbox")).json()["groups"] == []


async def test_the_editor_may_correct_the_wording_and_personal_data_stays_masked(
    services: Services, editor: StaffClient
):
    await add_turn(services, "je m'appelle Marie Tremblay, où stationner au centre?", "fallback")
    group = await one_group(editor)
    assert group["representative"]["text"] == "je m'appelle [nom], où stationner au centre?"

    body = (
        await editor.post(
            "/api/staff/inbox/phrasing",
            {
                "item_ids": group["item_ids"],
                "entry_id": "events-congress-centre",
                "text": "Où stationner au centre? Appelez le 418-555-0100",
            },
        )
    ).json()

    assert body["text"] == "Où stationner au centre? Appelez le [téléphone]"


async def test_a_phrasing_the_entry_already_has_still_closes_the_group(
    services: Services, editor: StaffClient
):
    await add_turn(services, "Où organiser un congrès à Québec?", "clarify")
    group = await one_group(editor)
    body = (
        await editor.post(
            "/api/staff/inbox/phrasing",
            {"item_ids": group["item_ids"], "entry_id": "events-congress-centre"},
        )
    ).json()
    assert (body["already_present"], body["version"]) == (True, None)
    assert (await editor.get("/api/staff/inbox")).json()["groups"] == []


async def test_an_unknown_entry_or_unknown_items_are_refused(
    services: Services, editor: StaffClient
):
    await add_turn(services, QUESTION, "fallback")
    group = await one_group(editor)
    unknown_entry = await editor.post(
        "/api/staff/inbox/phrasing", {"item_ids": group["item_ids"], "entry_id": "no-such-entry"}
    )
    unknown_items = await editor.post("/api/staff/inbox/dismiss", {"item_ids": [9999]})
    assert (unknown_entry.status_code, unknown_entry.json()["error"]["code"]) == (
        404,
        "kb_entry_not_found",
    )
    assert (unknown_items.status_code, unknown_items.json()["error"]["code"]) == (
        404,
        "inbox_items_not_found",
    )
    assert len((await editor.get("/api/staff/inbox")).json()["groups"]) == 1


async def test_drafting_a_new_entry_opens_the_editor_on_a_draft_with_the_questions(
    services: Services, editor: StaffClient
):
    services.settings.inbox_group_threshold = 0.7
    await add_turn(services, "Peut-on visiter l'hôtel de ville?", "fallback")
    await add_turn(
        services, "Peut-on visiter l'hôtel de ville le samedi?", "fallback", conversation_id="c2"
    )
    group = await one_group(editor)

    response = await editor.post("/api/staff/inbox/draft", {"item_ids": group["item_ids"]})

    assert response.status_code == 201, response.text
    draft_id = response.json()["entry_id"]
    assert response.json()["editor_url"] == f"/staff/kb/{draft_id}"
    state = await services.kb_store.state(draft_id)
    assert not state.published
    assert state.draft is not None
    questions = state.draft["fr"]["questions"]
    assert questions[0] == group["representative"]["text"]
    assert set(questions) == {
        "Peut-on visiter l'hôtel de ville?",
        "Peut-on visiter l'hôtel de ville le samedi?",
    }
    assert (await editor.get("/api/staff/inbox")).json()["groups"] == []


async def test_a_dismissed_group_stays_out_until_the_question_is_asked_again(
    services: Services, editor: StaffClient
):
    await add_turn(services, QUESTION, "fallback")
    await add_turn(services, QUESTION, "fallback", conversation_id="c2")
    group = await one_group(editor)
    dismissed = await editor.post("/api/staff/inbox/dismiss", {"item_ids": group["item_ids"]})
    assert dismissed.json() == {"resolved": 1}

    assert (await editor.get("/api/staff/inbox")).json()["groups"] == []  # read again: still out

    await add_turn(services, QUESTION, "fallback", conversation_id="c3")  # asked again
    again = await one_group(editor)
    assert again["representative"]["text"] == QUESTION
    assert (again["occurrences"], again["representative"]["total"]) == (1, 3)


# --- permissions ---------------------------------------------------------------------------


async def test_agents_can_read_but_not_act(services: Services, agent: StaffClient):
    await add_turn(services, QUESTION, "fallback")
    inbox = (await agent.get("/api/staff/inbox")).json()
    assert inbox["can_act"] is False
    ids = inbox["groups"][0]["item_ids"]

    for path, body in [
        ("/api/staff/inbox/phrasing", {"item_ids": ids, "entry_id": "events-congress-centre"}),
        ("/api/staff/inbox/draft", {"item_ids": ids}),
        ("/api/staff/inbox/dismiss", {"item_ids": ids}),
    ]:
        response = await agent.post(path, body)
        assert (response.status_code, response.json()["error"]["code"]) == (403, "role_forbidden")
    page = await agent.get("/staff/inbox")
    assert page.status_code == 200
    assert "Ajouter comme formulation" not in page.text and "Écarter" not in page.text
    confirm = await agent.get(f"/staff/inbox/phrasing?items={ids[0]}&entry=events-congress-centre")
    assert confirm.status_code == 403
    assert len((await agent.get("/api/staff/inbox")).json()["groups"]) == 1


async def test_acting_needs_the_csrf_token_and_reading_needs_a_session(
    services: Services, editor: StaffClient, clients: Clients
):
    await add_turn(services, QUESTION, "fallback")
    ids = (await one_group(editor))["item_ids"]
    no_token = await editor.http.post("/api/staff/inbox/dismiss", json={"item_ids": ids})
    assert (no_token.status_code, no_token.json()["error"]["code"]) == (403, "csrf_rejected")
    form_no_token = await editor.http.post("/staff/inbox/dismiss", data={"item_ids": ids})
    assert form_no_token.status_code == 403
    anonymous: httpx.AsyncClient = await clients.anonymous()
    assert (await anonymous.get("/api/staff/inbox")).status_code == 401
    page = await anonymous.get("/staff/inbox")
    assert (page.status_code, page.headers["location"]) == (
        303,
        "/staff/login?next=%2Fstaff%2Finbox",
    )
    assert len((await editor.get("/api/staff/inbox")).json()["groups"]) == 1


# --- the pages -----------------------------------------------------------------------------


async def test_the_page_turns_a_question_into_a_phrasing_in_two_steps(
    services: Services, editor: StaffClient
):
    await add_turn(services, QUESTION, "fallback")
    page = await editor.get("/staff/inbox")
    assert page.status_code == 200
    assert str(escape(QUESTION)) in page.text
    assert 'href="/staff/inbox"' in page.text  # the console navigation
    group = await one_group(editor)
    href = f"/staff/inbox/phrasing?items={group['id']}&amp;entry=events-congress-centre"
    assert href in page.text  # step 1: the suggested entry's button

    confirm = await editor.get(href.replace("&amp;", "&"))
    assert confirm.status_code == 200
    assert "Centre des congrès de Québec" in confirm.text
    done = await editor.submit(  # step 2: confirm
        "/staff/inbox/phrasing",
        {"item_ids": str(group["id"]), "entry_id": "events-congress-centre", "text": QUESTION},
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/staff/inbox?notice=phrased&entry=events-congress-centre"
    after = await editor.get(done.headers["location"])
    assert "Formulation ajoutée à la fiche events-congress-centre et publiée." in after.text
    entry = await services.kb_store.published_entry("events-congress-centre")
    assert entry is not None and QUESTION in entry.content("fr").questions


async def test_the_page_drafts_and_dismisses(services: Services, editor: StaffClient):
    await add_turn(services, "Peut-on visiter l'hôtel de ville?", "fallback")
    await add_turn(services, "Quel temps fait-il en février?", "fallback", conversation_id="c2")
    groups = (await editor.get("/api/staff/inbox")).json()["groups"]
    by_text = {g["representative"]["text"]: g["id"] for g in groups}

    drafted = await editor.submit(
        "/staff/inbox/draft", {"item_ids": str(by_text["Peut-on visiter l'hôtel de ville?"])}
    )
    assert drafted.status_code == 303 and drafted.headers["location"].startswith("/staff/kb/")
    dismissed = await editor.submit(
        "/staff/inbox/dismiss", {"item_ids": str(by_text["Quel temps fait-il en février?"])}
    )
    assert dismissed.headers["location"] == "/staff/inbox?notice=dismissed"
    page = await editor.get("/staff/inbox?lang=en")
    assert "Group dismissed from the review inbox." not in page.text  # no notice without a code
    assert "Nothing to review" in page.text


async def test_visitor_text_is_escaped_on_the_pages(services: Services, editor: StaffClient):
    payload = '<img src=x onerror="alert(1)"> {{7*7}} stationnement centre des congrès?'
    await add_turn(services, payload, "fallback")
    page = await editor.get("/staff/inbox")
    assert "<img src=x" not in page.text
    assert str(escape(payload)) in page.text
    group = await one_group(editor)
    confirm = await editor.get(
        f"/staff/inbox/phrasing?items={group['id']}&entry=events-congress-centre"
    )
    assert "<img src=x" not in confirm.text and "{{7*7}}" in confirm.text
