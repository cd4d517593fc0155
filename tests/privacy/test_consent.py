"""Consent recorded on the case (time, the exact notice by its hash, language, answer); a
refusal stored without anything personal; the form's turns forgotten in the transcript when
the visitor refuses or cancels."""

from __future__ import annotations

import hashlib
import time

import httpx
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.escalation import ActionCancelEscalation, ActionSubmitEscalation
from assistant.core.i18n import t
from assistant.db.consent_models import ConsentNotice, ConsentRecord
from assistant.db.models import Case, Message
from assistant.privacy.consent import FormPrivacy, consent_from_events, notice_text
from assistant.privacy.form_turns import form_turns
from assistant.privacy.notice import consent_link
from assistant.services import Services
from tests.privacy.conftest import ScriptedRasa, bot, escalate, form_tracker


async def _records(services: Services) -> list[ConsentRecord]:
    async with services.sessions() as session:
        return list((await session.execute(select(ConsentRecord))).scalars())


async def test_a_case_records_when_the_visitor_agreed_to_which_exact_notice_in_which_language(
    services: Services, client: httpx.AsyncClient
):
    rasa = ScriptedRasa()
    services.chat._rasa = rasa  # type: ignore[assignment]
    before = time.time()
    done = await escalate(services, client, rasa, name="Ines Moreau", email="ines@example.fr")
    [record] = await _records(services)
    shown = notice_text("fr", 730)
    assert record.case_id == done.case.id and record.answer == "given"
    assert record.language == "fr"
    assert record.notice_hash == hashlib.sha256(shown.encode()).hexdigest()
    assert before - 120 < record.answered_at.timestamp() < time.time()
    async with services.sessions() as session:
        notice = await session.get(ConsentNotice, record.notice_hash)
    assert notice is not None and notice.text == shown and "730" not in notice.text
    # the period in years and the link to the full privacy notice are part of what was agreed to
    assert "2 ans" in notice.text and notice.text.endswith(consent_link("", "fr"))


def test_the_notice_recorded_is_the_one_shown_even_after_a_language_switch():
    events = [
        {"event": "bot", "text": notice_text("en", 730), "timestamp": 1},
        {"event": "slot", "name": "consent", "value": True, "timestamp": 1_800_000_000},
    ]
    consent = consent_from_events(events, "fr", 730)
    assert consent.language == "en" and consent.notice == notice_text("en", 730)
    assert consent.answered_at.timestamp() == 1_800_000_000


def test_the_form_turns_are_the_visitor_messages_since_the_form_started():
    events = [
        {"event": "user"},
        {"event": "active_loop", "name": "escalation_form"},
        {"event": "user"},
        {"event": "bot"},
        {"event": "user"},
    ]
    assert form_turns(events) == 2
    assert form_turns([{"event": "user"}]) == 0  # no form: nothing typed is replaced


async def _conversation(services: Services, client: httpx.AsyncClient, texts: list[str]) -> str:
    """A conversation whose last bot message (before the last text) is the form's summary."""
    rasa = ScriptedRasa()
    services.chat._rasa = rasa  # type: ignore[assignment]
    cid = None
    for i, text in enumerate(texts):
        summary = i == len(texts) - 2
        reply = t("confirm_intro", "fr") + "\nNom : Odile Quérard" if summary else "Question?"
        rasa.reply = bot(reply, "fr")
        body = {"text": text, "conversation_id": cid, "language": "fr"}
        cid = (await client.post("/api/chat", json=body)).json()["conversation_id"]
    assert cid is not None
    return cid


async def _stored(services: Services, cid: str) -> list[Message]:
    async with services.sessions() as session:
        query = select(Message).where(Message.conversation_id == cid).order_by(Message.id)
        return list((await session.execute(query)).scalars())


async def test_cancelling_the_form_keeps_a_placeholder_instead_of_what_was_typed(
    services: Services, client: httpx.AsyncClient
):
    texts = ["Je veux parler à quelqu'un", "oui", "Odile Quérard", "odile@example.fr", "annuler"]
    cid = await _conversation(services, client, texts)
    tracker = form_tracker(cid, "fr", {"consent": True}, turns=4)
    dispatcher = CollectingDispatcher()
    await ActionCancelEscalation(FormPrivacy(services.sessions, 730)).run(dispatcher, tracker, {})

    stored = await _stored(services, cid)
    placeholder = t("privacy.form_text_not_kept", "fr")
    visitor = [m.text for m in stored if m.sender == "visitor"]
    assert visitor == ["Je veux parler à quelqu'un"] + [placeholder] * 4
    assert any(m.sender == "bot" and m.text == placeholder for m in stored)  # the summary
    dump = repr([(m.text, m.payload) for m in stored])
    assert "Odile" not in dump and "odile@example.fr" not in dump
    transcript = await client.get(f"/api/conversations/{cid}")
    assert transcript.status_code == 200
    assert "Odile" not in transcript.text and "form text" not in transcript.text
    assert placeholder in transcript.content.decode()


async def test_a_refusal_is_recorded_without_anything_personal_and_its_answer_is_not_kept(
    services: Services, client: httpx.AsyncClient
):
    cid = await _conversation(services, client, ["Parler à une personne", "non merci, Odile"])
    tracker = form_tracker(cid, "en", {"consent": False}, turns=1)
    dispatcher = CollectingDispatcher()
    privacy = FormPrivacy(services.sessions, 730)
    await ActionSubmitEscalation(services.cases, privacy).run(dispatcher, tracker, {})

    [record] = await _records(services)
    assert (record.answer, record.case_id, record.language) == ("refused", None, "en")
    assert record.notice_hash == hashlib.sha256(notice_text("en", 730).encode()).hexdigest()
    async with services.sessions() as session:
        assert (await session.execute(select(Case))).first() is None
    visitor = [m.text for m in await _stored(services, cid) if m.sender == "visitor"]
    assert visitor == ["Parler à une personne", t("privacy.form_text_not_kept", "en")]
    assert dispatcher.messages[0]["text"] == t("no_consent", "en")
