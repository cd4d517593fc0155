"""What lands in the review inbox, read from real rows: the chat's stored turns (no answer,
clarification, out-of-scope questions that look in scope), 👎 votes through the chat API,
and escalated cases; masked, counted once, in both languages."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select

from assistant.cases.service import NewCase
from assistant.db.inbox_models import InboxItem
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.inbox.conftest import add_turn, add_vote, open_case


async def items(services: Services) -> list[InboxItem]:
    await services.inbox.collector().collect()
    async with services.sessions() as session:
        rows = await session.execute(select(InboxItem).order_by(InboxItem.id))
        return list(rows.scalars())


async def test_unanswered_and_clarified_questions_are_collected_in_both_languages(
    services: Services,
):
    await add_turn(services, "Où stationner près du centre des congrès?", "fallback")
    await add_turn(
        services,
        "Can I bring my family with a work permit?",
        "clarify",
        conversation_id="conv-en",
        language="en",
        kb_entries=["talent-work-permit", "bureau-contact"],
    )

    found = await items(services)

    assert [(i.text, i.language, i.reason) for i in found] == [
        ("Où stationner près du centre des congrès?", "fr", "no_answer"),
        ("Can I bring my family with a work permit?", "en", "clarify"),
    ]
    assert found[1].candidates == ["talent-work-permit", "bureau-contact"]
    assert all(i.count == 1 and i.status == "open" for i in found)


async def test_answered_turns_small_talk_form_answers_and_buttons_are_not_failures(
    services: Services,
):
    await add_turn(
        services,
        "Comment obtenir un permis de travail?",
        "answer",
        kb_entries=["talent-work-permit"],
    )
    await add_turn(services, "Bonjour!", "smalltalk")
    await add_turn(services, "Camille Martin", "form")
    await add_turn(services, "Je veux parler à quelqu'un", "escalate")
    await add_turn(services, '/talent{"kb_entry":"talent-work-permit"}', "fallback")

    assert await items(services) == []


async def test_personal_data_is_masked_before_it_is_stored(services: Services):
    await add_turn(
        services,
        "Bonjour, je m'appelle Marie Tremblay, écrivez à marie@example.com ou au 418-555-0100",
        "fallback",
    )

    (item,) = await items(services)

    assert item.text == "Bonjour, je m'appelle [nom], écrivez à [courriel] ou au [téléphone]"
    async with services.sessions() as session:
        stored = " ".join(
            str(value)
            for row in (await session.execute(select(InboxItem))).scalars()
            for value in (row.text, row.key, row.candidates)
        )
    assert "Tremblay" not in stored and "marie@example.com" not in stored


async def test_the_same_question_is_counted_not_repeated_and_never_counted_twice(
    services: Services,
):
    await add_turn(services, "Où stationner près du centre des congrès?", "fallback")
    await add_turn(
        services, "où stationner près du centre des congrès ", "fallback", conversation_id="conv-2"
    )
    first = await items(services)
    again = await items(services)  # collecting again reads nothing new

    assert len(first) == 1 and first[0].count == 2
    assert again[0].count == 2


async def test_a_turn_still_waiting_for_its_reply_is_collected_once_it_has_one(
    services: Services,
):
    waiting = await add_turn(services, "Y a-t-il un stationnement au centre?", None)
    await add_turn(services, "Quel temps fait-il en hiver à Québec?", "fallback")
    assert [i.text for i in await items(services)] == ["Quel temps fait-il en hiver à Québec?"]

    async with services.sessions() as session, session.begin():
        message = await session.get(type(waiting), waiting.id)
        assert message is not None
        message.payload = {"outcome": "fallback", "language": "fr", "kb_entries": []}

    assert {i.text for i in await items(services)} == {
        "Quel temps fait-il en hiver à Québec?",
        "Y a-t-il un stationnement au centre?",
    }


async def test_an_old_message_that_never_got_a_reply_does_not_block_the_inbox(
    services: Services,
):
    await add_turn(services, "message perdu", None, at=datetime.now(UTC) - timedelta(hours=1))
    await add_turn(services, "Où stationner au centre des congrès?", "fallback")
    assert [i.text for i in await items(services)] == ["Où stationner au centre des congrès?"]


async def test_out_of_scope_questions_enter_only_when_they_look_in_scope(services: Services):
    # The fake encoder's similarity is word overlap: this shares the work-permit phrasing.
    await add_turn(services, "permis de travail Canada", "out_of_scope")
    await add_turn(services, "Quelle est la recette du pâté chinois?", "out_of_scope")

    (item,) = await items(services)

    assert (item.text, item.reason) == ("permis de travail Canada", "out_of_scope")
    assert item.candidates[0] == "talent-work-permit"


async def test_a_thumbs_down_through_the_chat_api_enters_the_inbox(
    services: Services, client: httpx.AsyncClient, fake_rasa: FakeRasa
):
    fake_rasa.reply = [
        {"recipient_id": "x", "text": "Le permis de travail est délivré par IRCC."},
        {
            "recipient_id": "x",
            "custom": {"outcome": "answer", "language": "fr", "kb_entries": ["talent-work-permit"]},
        },
    ]
    chat = (
        await client.post("/api/chat", json={"text": "Mon conjoint peut-il travailler?"})
    ).json()
    assert chat["outcome"] == "answer"
    vote = {"conversation_id": chat["conversation_id"], "kb_entry": "talent-work-permit"}
    assert (await client.post("/api/feedback", json={**vote, "value": "up"})).status_code < 300
    assert await items(services) == []  # a 👍 is not a failure

    assert (await client.post("/api/feedback", json={**vote, "value": "down"})).status_code < 300
    (item,) = await items(services)

    assert (item.text, item.reason, item.candidates) == (
        "Mon conjoint peut-il travailler?",
        "thumbs_down",
        ["talent-work-permit"],
    )


async def test_the_question_that_led_to_an_escalation_enters_masked_with_the_form_name(
    services: Services,
):
    await add_turn(
        services,
        "Hello, can the mayor attend our congress in June?",
        "fallback",
        conversation_id="conv-esc",
        language="en",
    )
    await add_turn(services, "Camille Martin", "form", conversation_id="conv-esc", language="en")
    await add_turn(
        services,
        "Is camille martin's request received?",
        "fallback",
        conversation_id="conv-esc",
        language="en",
    )
    await services.cases.create(
        NewCase(
            conversation_id="conv-esc",
            language="en",
            name="Camille Martin",
            email="camille@example.fr",
            summary="Invite the mayor to our congress",
        )
    )
    # a case without a conversation (e.g. by email): its summary is the question
    await open_case(
        services,
        conversation_id=None,
        language="en",
        name="Camille Martin",
        summary="Invite the mayor",
    )

    found = {(i.text, i.reason) for i in await items(services)}

    assert ("Is [name]'s request received?", "no_answer") in found  # the form's name, masked
    assert ("Is [name]'s request received?", "escalated") in found  # the last question
    assert ("Invite the mayor", "escalated") in found  # no conversation: the summary
    assert all("Camille" not in text and "camille" not in text for text, _ in found)


async def test_two_inbox_readers_at_once_count_each_question_once(services: Services):
    for number in range(5):
        await add_turn(
            services, "Où stationner au centre?", "fallback", conversation_id=f"c{number}"
        )
    await add_vote(services, "Comment obtenir un permis?", "talent-work-permit")

    await asyncio.gather(*(services.inbox.collector().collect() for _ in range(4)))

    found = {i.text: i.count for i in await items(services)}
    assert found == {"Où stationner au centre?": 5, "Comment obtenir un permis?": 1}
