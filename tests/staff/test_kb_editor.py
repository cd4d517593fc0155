"""The KB editor in the staff console: JSON API and pages, roles, CSRF, preview, publish,
history, diff, rollback, review flags."""

from __future__ import annotations

import pytest

from tests.staff.conftest import add_staff

NEW_FR = (
    "Les permis de travail relèvent d'IRCC; la demande se fait en ligne sur https://www.canada.ca"
)
NEW_EN = "Work permits are handled by IRCC; you apply online at https://www.canada.ca"


@pytest.fixture
async def editor(services, clients):
    return await clients.sign_in(
        await add_staff(services, "edith@ville.quebec.qc.ca", name="Edith", role="editor")
    )


async def _working_copy(client, entry_id: str) -> dict:
    body = (await client.get(f"/api/staff/kb/entries/{entry_id}")).json()
    return body["draft"] or body["current"]


# --- JSON API ------------------------------------------------------------------------------


async def test_agents_read_but_cannot_change_or_publish(agent, services):
    listing = await agent.get("/api/staff/kb/entries")
    assert listing.status_code == 200
    assert {e["id"] for e in listing.json()["entries"]} >= {"talent-work-permit"}
    entry = await agent.get("/api/staff/kb/entries/talent-work-permit")
    assert entry.status_code == 200 and entry.json()["status"] == "published"

    draft = entry.json()["current"]
    for path, body in [
        ("/api/staff/kb/entries/talent-work-permit/draft", {"entry": draft}),
        ("/api/staff/kb/entries/talent-work-permit/publish", {}),
        ("/api/staff/kb/entries/talent-work-permit/questions", {"language": "fr", "text": "Allo?"}),
        ("/api/staff/kb/entries/talent-work-permit/rollback", {"version": 1}),
        ("/api/staff/kb/entries/talent-work-permit/retire", None),
        ("/api/staff/kb/entries", {"entry": {"fr": {"title": "Titre"}}}),
    ]:
        response = await agent.post(path, json=body)
        assert response.status_code == 403, path
        assert response.json()["error"]["code"] == "role_forbidden"
    assert [v.number for v in await services.kb_store.versions("talent-work-permit")] == [1]


async def test_every_change_needs_the_csrf_token(editor):
    response = await editor.http.post("/api/staff/kb/entries/talent-work-permit/publish", json={})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_rejected"


async def test_signed_out_visitors_get_nothing(clients):
    anonymous = await clients.anonymous()
    assert (await anonymous.get("/api/staff/kb/entries")).status_code == 401
    page = await anonymous.get("/staff/kb")
    assert page.status_code == 303 and page.headers["location"].startswith("/staff/login")


async def test_editor_edits_both_languages_previews_and_publishes(editor, services):
    draft = await _working_copy(editor, "talent-work-permit")
    draft["fr"]["answer"], draft["en"]["answer"] = NEW_FR, NEW_EN
    saved = await editor.post("/api/staff/kb/entries/talent-work-permit/draft", {"entry": draft})
    assert saved.status_code == 200 and saved.json()["publish_problems"] == []

    # the draft is not live yet, but the preview answers with it
    live = services.kb.retriever.decide("Comment obtenir un permis de travail?")
    assert live.candidates[0].entry.content("fr").answer != NEW_FR
    preview = await editor.post(
        "/api/staff/kb/entries/talent-work-permit/preview",
        {"question": "Comment obtenir un permis de travail?", "language": "fr"},
    )
    assert preview.status_code == 200, preview.text
    assert preview.json()["kind"] == "answer" and preview.json()["answered_by_draft"]
    assert preview.json()["reply"].startswith(NEW_FR)

    published = await editor.post(
        "/api/staff/kb/entries/talent-work-permit/publish", {"comment": "IRCC online"}
    )
    assert published.json() == {"id": "talent-work-permit", "version": 2}
    decision = services.kb.retriever.decide("How do I get a work permit?")
    assert decision.kind == "answer"
    assert decision.candidates[0].entry.content("en").answer == NEW_EN

    diff = await editor.get("/api/staff/kb/entries/talent-work-permit/diff?from=1&to=2")
    assert {(c["field"], c["language"]) for c in diff.json()["changes"]} == {
        ("answer", "fr"),
        ("answer", "en"),
    }
    audit = (await editor.get("/api/staff/kb/audit?entry=talent-work-permit")).json()["events"]
    assert [(e["action"], e["staff_name"]) for e in audit[:2]] == [
        ("publish", "Edith"),
        ("save_draft", "Edith"),
    ]

    rollback = await editor.post(
        "/api/staff/kb/entries/talent-work-permit/rollback", {"version": 1}
    )
    assert rollback.json()["version"] == 3
    decision = services.kb.retriever.decide("How do I get a work permit?")
    assert decision.candidates[0].entry.content("en").answer != NEW_EN


async def test_publishing_one_language_is_refused_unless_marked(editor):
    created = await editor.post(
        "/api/staff/kb/entries",
        {
            "entry": {
                "id": "city-parking",
                "topic": "city",
                "audiences": ["general"],
                "competent_body": "ville-de-quebec",
                "sources": ["https://www.ville.quebec.qc.ca/"],
                "fr": {
                    "title": "Stationnement",
                    "answer": "Le stationnement est payant au centre-ville de Québec.",
                    "questions": ["Où stationner à Québec?"],
                },
            }
        },
    )
    assert created.status_code == 201
    assert created.json() == {"id": "city-parking", "editor_url": "/staff/kb/city-parking"}
    refused = await editor.post("/api/staff/kb/entries/city-parking/publish", {})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "kb_parity_required"

    draft = await _working_copy(editor, "city-parking")
    await editor.post(
        "/api/staff/kb/entries/city-parking/draft", {"entry": {**draft, "languages": ["fr"]}}
    )
    assert (await editor.post("/api/staff/kb/entries/city-parking/publish", {})).status_code == 200


async def test_an_invalid_draft_lists_its_problems(editor):
    created = await editor.post(
        "/api/staff/kb/entries", {"entry": {"fr": {"title": "Titre"}, "en": {"title": "Title"}}}
    )
    entry_id = created.json()["id"]
    entry = (await editor.get(f"/api/staff/kb/entries/{entry_id}")).json()
    assert entry["status"] == "draft" and entry["publish_problems"]
    refused = await editor.post(f"/api/staff/kb/entries/{entry_id}/publish", {})
    assert refused.status_code == 422
    assert any("topic" in p for p in refused.json()["error"]["problems"])


async def test_add_question_via_the_api(editor):
    added = await editor.post(
        "/api/staff/kb/entries/talent-work-permit/questions",
        {"language": "en", "text": "open work permit for spouses"},
    )
    assert added.json() == {"id": "talent-work-permit", "version": 2}
    again = await editor.post(
        "/api/staff/kb/entries/talent-work-permit/questions",
        {"language": "en", "text": "Open work permit for spouses"},
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "kb_duplicate_question"
    missing = await editor.post(
        "/api/staff/kb/entries/nope/questions", {"language": "en", "text": "hello"}
    )
    assert missing.status_code == 404


# --- pages ---------------------------------------------------------------------------------


async def test_the_console_links_to_the_kb_and_flags_overdue_entries(agent, services):
    queue = await agent.get("/staff")
    assert 'href="/staff/kb"' in queue.text
    page = await agent.get("/staff/kb?lang=en")
    assert page.status_code == 200
    assert "Knowledge base" in page.text and "talent-work-permit" in page.text
    assert "/staff/kb/new" not in page.text  # agents cannot create

    filtered = await agent.get("/staff/kb?topic=events&lang=en")
    assert "events-congress-centre" in filtered.text and "talent-work-permit" not in filtered.text
    searched = await agent.get("/staff/kb?q=permis")
    assert "talent-work-permit" in searched.text and "bureau-contact" not in searched.text


async def test_the_review_flag_shows_in_the_list(editor, services):
    draft = await _working_copy(editor, "bureau-contact")
    draft["review_by"] = "2020-01-01"
    await editor.post("/api/staff/kb/entries/bureau-contact/draft", {"entry": draft})
    await editor.post("/api/staff/kb/entries/bureau-contact/publish", {})
    page = await editor.get("/staff/kb?review=overdue&lang=fr")
    assert "bureau-contact" in page.text and "Révision en retard" in page.text
    assert "events-congress-centre" not in page.text


async def test_the_editor_page_shows_both_languages_and_agents_cannot_post(agent, services):
    page = await agent.get("/staff/kb/talent-work-permit?lang=en")
    assert page.status_code == 200
    assert "Permis de travail" in page.text and "Work permits" in page.text
    assert 'id="publish"' not in page.text and "Read only" in page.text
    refused = await agent.submit("/staff/kb/talent-work-permit/publish", {"fr_title": "X"})
    assert refused.status_code == 403
    assert (await agent.get("/staff/kb/nope")).status_code == 404


async def test_the_editor_form_saves_previews_and_publishes(editor, services):
    form = {
        "topic": "talent",
        "competent_body": "gouvernement-du-canada",
        "audiences": "talent",
        "last_verified": "2026-12-01",
        "sources": "https://www.canada.ca/en/immigration-refugees-citizenship.html",
        "fr_title": "Permis de travail",
        "fr_answer": NEW_FR,
        "fr_questions": "Comment obtenir un permis de travail?\npermis de travail Canada",
        "en_title": "Work permits",
        "en_answer": NEW_EN,
        "en_questions": "How do I get a work permit?\nwork permit Canada",
    }
    preview = await editor.submit(
        "/staff/kb/talent-work-permit/preview",
        {**form, "question": "How do I get a work permit?", "question_lang": "en"},
    )
    assert preview.status_code == 303
    shown = await editor.get(preview.headers["location"])
    assert "with this draft" in shown.text or "avec ce brouillon" in shown.text
    assert NEW_EN in shown.text

    published = await editor.submit("/staff/kb/talent-work-permit/publish", form)
    assert published.status_code == 303 and "notice=published" in published.headers["location"]
    entry = await services.kb_store.published_entry("talent-work-permit")
    assert (
        entry is not None and entry.en.answer == NEW_EN and str(entry.last_verified) == "2026-12-01"
    )

    history = await editor.get("/staff/kb/talent-work-permit/history?lang=en")
    assert "v2" in history.text and "Edith" in history.text and "<ins>" in history.text
    rolled = await editor.submit("/staff/kb/talent-work-permit/rollback", {"version": "1"})
    assert rolled.status_code == 303 and "notice=rolled_back" in rolled.headers["location"]
    entry = await services.kb_store.published_entry("talent-work-permit")
    assert entry is not None and entry.en.answer != NEW_EN


async def test_publishing_a_one_language_form_shows_the_parity_error(editor):
    created = await editor.submit(
        "/staff/kb/new", {"id": "city-new", "topic": "city", "title": "Nouvelle", "language": "fr"}
    )
    assert created.headers["location"].startswith("/staff/kb/city-new")
    refused = await editor.submit(
        "/staff/kb/city-new/publish",
        {
            "topic": "city",
            "competent_body": "ville-de-quebec",
            "audiences": "general",
            "sources": "https://www.ville.quebec.qc.ca/",
            "fr_title": "Nouvelle",
            "fr_answer": "Une réponse en français seulement, assez longue.",
            "fr_questions": "question?",
        },
    )
    assert "error=kb_parity_required" in refused.headers["location"]
    page = await editor.get(refused.headers["location"] + "&lang=en")
    assert "needs both French and English" in page.text


async def test_staff_text_is_escaped_in_the_editor(editor):
    payload = "<script>alert('kb')</script>"
    await editor.post(
        "/api/staff/kb/entries", {"entry": {"id": "xss-check", "fr": {"title": payload}}}
    )
    for path in ("/staff/kb", "/staff/kb/xss-check"):
        page = await editor.get(path)
        assert payload not in page.text and "&lt;script&gt;" in page.text
