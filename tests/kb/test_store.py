"""The KB store: drafts, parity, versions, diff, rollback, retire, audit, and the live index."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.core.errors import (
    KBDraftInvalid,
    KBDuplicateQuestion,
    KBEntryExists,
    KBEntryNotFound,
    KBNoDraft,
    KBParityRequired,
    KBVersionNotFound,
)
from assistant.kb.records import review_state
from assistant.web.staff.urls import editor_url
from tests.fakes import make_entry
from tests.staff.conftest import add_staff

NEW_ANSWER_FR = "Le stationnement du Centre des congrès compte 1 000 places, ouvert jour et nuit."
NEW_ANSWER_EN = "The Convention Centre parking has 1,000 spaces, open day and night."


@pytest.fixture
async def editor(services):
    return await add_staff(services, "edith@ville.quebec.qc.ca", name="Edith", role="editor")


def _decide(services, question):
    return services.kb.retriever.decide(question)


async def test_the_kb_files_are_imported_on_first_start_as_version_one(services):
    entries = await services.kb_store.published_entries()
    assert [e.id for e in entries] == [
        "bureau-contact",
        "events-congress-centre",
        "talent-work-permit",
    ]
    [version] = await services.kb_store.versions("talent-work-permit")
    assert version.number == 1 and version.staff_id is None
    [event] = await services.kb_store.audit("talent-work-permit")
    assert event.action == "import"


async def test_a_second_start_keeps_the_database_as_the_truth(services, settings, kb_dir):
    (kb_dir / "talent" / "talent-work-permit.yml").unlink()
    assert await services.kb_store.import_if_empty(kb_dir) == 0
    assert await services.kb_store.published_entry("talent-work-permit") is not None


async def test_a_published_draft_answers_visitors_at_once_without_restart(services, editor):
    store = services.kb_store
    entry_id = await store.create_draft(
        {
            "topic": "events",
            "audiences": ["event_organizer"],
            "competent_body": "agence-touristique",
            "sources": ["https://www.convention.qc.ca/"],
            "fr": {
                "title": "Stationnement au Centre des congrès",
                "answer": NEW_ANSWER_FR,
                "questions": ["Où stationner au Centre des congrès?"],
            },
        },
        staff_id=editor.id,
    )
    assert entry_id == "stationnement-au-centre-des-congres"
    assert editor_url(entry_id) == "/staff/kb/stationnement-au-centre-des-congres"
    assert (
        _decide(services, "Où stationner au Centre des congrès?").candidates[0].entry.id != entry_id
    )

    with pytest.raises(KBParityRequired):  # French only, not marked one-language
        await store.publish(entry_id, staff_id=editor.id)

    state = await store.state(entry_id)
    await store.save_draft(
        entry_id,
        {
            **state.draft,
            "en": {
                "title": "Parking at the Convention Centre",
                "answer": NEW_ANSWER_EN,
                "questions": ["Where do I park at the Convention Centre?"],
            },
        },
        staff_id=editor.id,
    )
    assert await store.publish(entry_id, staff_id=editor.id, comment="new") == 1

    decision = _decide(services, "Où stationner au Centre des congrès?")
    assert decision.kind == "answer" and decision.candidates[0].entry.id == entry_id
    assert (await store.state(entry_id)).draft is None


async def test_a_one_language_entry_publishes_when_marked(services, editor):
    store = services.kb_store
    entry = make_entry("city-french-only", languages=["fr"], en=None).model_dump(mode="json")
    entry_id = await store.create_draft(
        {k: v for k, v in entry.items() if v is not None}, staff_id=editor.id
    )
    assert await store.publish(entry_id, staff_id=editor.id) == 1
    published = await store.published_entry(entry_id)
    assert published is not None and published.languages == ["fr"]


async def test_an_incomplete_draft_is_refused_at_publish_with_its_problems(services, editor):
    store = services.kb_store
    entry_id = await store.create_draft(
        {"fr": {"questions": ["Où stationner?"]}, "en": {"questions": ["Where to park?"]}},
        staff_id=editor.id,
    )
    with pytest.raises(KBDraftInvalid) as raised:
        await store.publish(entry_id, staff_id=editor.id)
    problems = " ".join(raised.value.problems)
    assert "topic" in problems and "sources" in problems and "fr.answer" in problems


async def test_drafts_refuse_unknown_fields_taken_ids_and_empty_content(services, editor):
    store = services.kb_store
    with pytest.raises(KBDraftInvalid):
        await store.create_draft({"fr": {"title": "Titre"}, "colour": "red"}, staff_id=editor.id)
    with pytest.raises(KBEntryExists):
        await store.create_draft(
            {"id": "talent-work-permit", "fr": {"title": "Titre"}}, staff_id=editor.id
        )
    with pytest.raises(KBDraftInvalid):
        await store.create_draft({"fr": {"title": "  "}}, staff_id=editor.id)
    first = await store.create_draft({"fr": {"title": "Même titre"}}, staff_id=editor.id)
    second = await store.create_draft({"fr": {"title": "Même titre"}}, staff_id=editor.id)
    assert (first, second) == ("meme-titre", "meme-titre-2")


async def test_versions_diff_and_rollback(services, editor):
    store = services.kb_store
    old = await store.published_entry("events-congress-centre")
    assert old is not None
    draft = old.model_dump(mode="json", exclude_none=True)
    draft["fr"]["answer"] = NEW_ANSWER_FR
    draft["en"]["questions"] = [*draft["en"]["questions"], "convention parking"]
    await store.save_draft("events-congress-centre", draft, staff_id=editor.id)
    assert await store.publish("events-congress-centre", staff_id=editor.id) == 2
    assert (
        _decide(services, "congrès stationnement jour et nuit places")
        .candidates[0]
        .entry.content("fr")
        .answer
        == NEW_ANSWER_FR
    )

    changes = {(c.field, c.language): c for c in await store.diff("events-congress-centre", 1, 2)}
    assert set(changes) == {("answer", "fr"), ("questions", "en")}
    assert changes[("questions", "en")].added == ["convention parking"]
    assert any(
        w.kind == "added" and "stationnement" in w.text for w in changes[("answer", "fr")].words
    )

    assert await store.rollback("events-congress-centre", 1, staff_id=editor.id) == 3
    restored = await store.published_entry("events-congress-centre")
    assert restored == old
    assert services.kb.retriever.entry("events-congress-centre") == old
    assert await store.diff("events-congress-centre", 1, 3) == []
    assert [v.number for v in await store.versions("events-congress-centre")] == [3, 2, 1]
    with pytest.raises(KBVersionNotFound):
        await store.rollback("events-congress-centre", 9, staff_id=editor.id)


async def test_every_change_is_in_the_audit_log_with_who_and_when(services, editor):
    store = services.kb_store
    entry = await store.published_entry("bureau-contact")
    assert entry is not None
    await store.save_draft("bureau-contact", entry.model_dump(mode="json"), staff_id=editor.id)
    await store.publish("bureau-contact", staff_id=editor.id, comment="checked")
    await store.retire("bureau-contact", staff_id=editor.id)
    await store.rollback("bureau-contact", 2, staff_id=editor.id)
    events = await store.audit("bureau-contact")
    assert [e.action for e in events] == ["rollback", "retire", "publish", "save_draft", "import"]
    assert all(e.staff_id == editor.id for e in events[:4])
    assert events[2].detail == "checked" and events[2].version == 2


async def test_retiring_stops_answers_and_rollback_brings_them_back(services, editor):
    store = services.kb_store
    question = "Comment obtenir un permis de travail?"
    assert _decide(services, question).candidates[0].entry.id == "talent-work-permit"
    await store.retire("talent-work-permit", staff_id=editor.id)
    assert services.kb.retriever.entry("talent-work-permit") is None
    assert "talent-work-permit" not in [e.id for e in await store.published_entries()]
    with pytest.raises(KBEntryNotFound):
        await store.retire("talent-work-permit", staff_id=editor.id)
    await store.rollback("talent-work-permit", 1, staff_id=editor.id)
    assert _decide(services, question).candidates[0].entry.id == "talent-work-permit"


async def test_add_question_publishes_a_new_phrasing_at_once(services, editor):
    store = services.kb_store
    question = "visa emploi temporaire étranger démarches"
    assert _decide(services, question).kind == "none"
    version = await store.add_question("talent-work-permit", "fr", question, staff_id=editor.id)
    assert version == 2
    decision = _decide(services, question)
    assert decision.kind == "answer" and decision.candidates[0].entry.id == "talent-work-permit"
    with pytest.raises(KBDuplicateQuestion):
        await store.add_question(
            "talent-work-permit",
            "fr",
            "  VISA emploi temporaire  étranger démarches",
            staff_id=editor.id,
        )
    with pytest.raises(KBEntryNotFound):
        await store.add_question("no-such-entry", "fr", "Bonjour?", staff_id=editor.id)
    [event, *_] = await store.audit("talent-work-permit")
    assert (event.action, event.version) == ("add_question", 2)


async def test_add_question_also_goes_into_an_open_draft(services, editor):
    store = services.kb_store
    entry = await store.published_entry("talent-work-permit")
    assert entry is not None
    await store.save_draft("talent-work-permit", entry.model_dump(mode="json"), staff_id=editor.id)
    await store.add_question("talent-work-permit", "en", "job permit help", staff_id=editor.id)
    state = await store.state("talent-work-permit")
    assert "job permit help" in state.draft["en"]["questions"]
    await store.publish("talent-work-permit", staff_id=editor.id)
    published = await store.published_entry("talent-work-permit")
    assert published is not None and "job permit help" in published.en.questions


async def test_discarding_a_never_published_draft_removes_the_entry(services, editor):
    store = services.kb_store
    entry_id = await store.create_draft({"en": {"title": "Scratch"}}, staff_id=editor.id)
    await store.discard_draft(entry_id, staff_id=editor.id)
    with pytest.raises(KBEntryNotFound):
        await store.state(entry_id)
    with pytest.raises(KBNoDraft):
        await store.discard_draft("talent-work-permit", staff_id=editor.id)


def test_entries_past_their_review_date_are_flagged():
    today = date(2027, 6, 1)
    assert review_state(make_entry(last_verified=date(2026, 1, 1)), today) == "overdue"
    assert (
        review_state(make_entry(last_verified=today, review_by=today + timedelta(days=10)), today)
        == "soon"
    )
    assert review_state(make_entry(last_verified=today), today) == "ok"


async def test_the_list_shows_status_drafts_and_review_flags(services, editor):
    store = services.kb_store
    await store.create_draft({"fr": {"title": "Nouvelle fiche"}}, staff_id=editor.id)
    summaries = {s.id: s for s in await store.summaries()}
    assert summaries["nouvelle-fiche"].status == "draft"
    assert summaries["nouvelle-fiche"].title_fr == "Nouvelle fiche"
    assert summaries["talent-work-permit"].status == "published"
    assert summaries["talent-work-permit"].review in ("overdue", "soon", "ok")
