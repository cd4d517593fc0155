from __future__ import annotations

from actions.kb_answer import ActionAnswerFromKB
from tests.actions.conftest import make_tracker


async def test_a_clear_question_gets_the_entry_in_the_visitors_language_with_its_source(
    retriever, dispatcher
):
    events = await ActionAnswerFromKB(retriever).run(
        dispatcher, make_tracker("How do I get a work permit?", language="en"), {}
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "kb_misses", "value": 0}]
    [message] = dispatcher.messages
    assert message["text"] == (
        "Work permits are issued by IRCC. See: https://www.canada.ca\n"
        "Source: Government of Canada — https://www.canada.ca/en/immigration-refugees-citizenship.html"
    )
    assert message["custom"] == {
        "outcome": "answer",
        "language": "en",
        "kb_entries": ["talent-work-permit"],
    }


async def test_a_french_conversation_gets_the_french_answer(retriever, dispatcher):
    await ActionAnswerFromKB(retriever).run(
        dispatcher, make_tracker("work permit Canada", language="fr"), {}
    )
    assert dispatcher.messages[0]["text"].startswith("Le permis de travail est délivré par IRCC.")
    assert "Source : Gouvernement du Canada" in dispatcher.messages[0]["text"]


async def test_a_chosen_clarification_answers_that_entry_directly(retriever, dispatcher):
    tracker = make_tracker(
        '/events{"kb_entry":"events-congress-centre"}',
        entities=[{"entity": "kb_entry", "value": "events-congress-centre"}],
    )
    await ActionAnswerFromKB(retriever).run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["kb_entries"] == ["events-congress-centre"]


async def test_an_entry_that_needs_staff_offers_to_contact_the_bureau(retriever, dispatcher):
    await ActionAnswerFromKB(retriever).run(
        dispatcher, make_tracker("Bureau email address", language="en"), {}
    )
    assert [
        m["custom"].get("outcome") if m.get("custom") else None for m in dispatcher.messages
    ] == ["answer", None]
    assert dispatcher.messages[1]["buttons"] == [
        {"title": "Yes, contact the Bureau", "payload": "/contact_bureau"}
    ]


async def test_close_candidates_become_clarification_buttons(retriever, dispatcher):
    retriever.thresholds = retriever.thresholds.__class__(answer=0.99, clarify=0.05, margin=1.0)
    await ActionAnswerFromKB(retriever).run(
        dispatcher, make_tracker("congrès permis Bureau", language="fr"), {}
    )
    [message] = dispatcher.messages
    assert message["custom"]["outcome"] == "clarify"
    assert (
        message["text"]
        == "Votre question peut correspondre à plusieurs sujets. Lequel vous intéresse?"
    )
    payloads = {b["payload"] for b in message["buttons"]}
    assert '/events{"kb_entry":"events-congress-centre"}' in payloads
    assert len(message["buttons"]) == len(message["custom"]["kb_entries"]) <= 3


async def test_no_confident_entry_says_so_and_points_to_the_bureau(retriever, dispatcher):
    await ActionAnswerFromKB(retriever).run(dispatcher, make_tracker("?!", language="en"), {})
    [message] = dispatcher.messages
    assert message["custom"] == {"outcome": "fallback", "language": "en"}
    assert "international@ville.quebec.qc.ca" in message["text"]


async def test_while_the_knowledge_base_loads_the_visitor_is_told(dispatcher):
    await ActionAnswerFromKB(None).run(dispatcher, make_tracker("work permit", language="en"), {})
    assert dispatcher.messages[0]["custom"] == {"outcome": "fallback", "language": "en"}
    assert "still loading" in dispatcher.messages[0]["text"]


async def test_a_second_miss_offers_to_pass_the_question_to_the_bureau(retriever, dispatcher):
    tracker = make_tracker("?!", language="fr")
    tracker.slots["kb_misses"] = 1
    events = await ActionAnswerFromKB(retriever).run(dispatcher, tracker, {})
    assert events == [{"event": "slot", "timestamp": None, "name": "kb_misses", "value": 0}]
    offer = dispatcher.messages[-1]
    assert offer["custom"] == {"outcome": "escalate", "language": "fr"}
    assert [b["payload"] for b in offer["buttons"]] == ["/contact_bureau", "/deny"]


async def test_a_first_miss_is_counted(retriever, dispatcher):
    events = await ActionAnswerFromKB(retriever).run(
        dispatcher, make_tracker("?!", language="fr"), {}
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "kb_misses", "value": 1}]
    assert len(dispatcher.messages) == 1


async def test_the_number_of_misses_before_offering_a_person_is_configurable(retriever, dispatcher):
    action = ActionAnswerFromKB(retriever, escalate_after_misses=1)
    events = await action.run(dispatcher, make_tracker("?!", language="en"), {})
    assert events == [{"event": "slot", "timestamp": None, "name": "kb_misses", "value": 0}]
    assert dispatcher.messages[-1]["custom"] == {"outcome": "escalate", "language": "en"}


def test_the_source_shown_is_the_one_in_the_visitors_language():
    from actions.kb_answer import answer_text
    from assistant.kb.models import Entry

    entry = Entry.model_validate(
        {
            "id": "talent-visitor-visa",
            "topic": "talent",
            "audiences": ["talent"],
            "competent_body": "gouvernement-du-canada",
            "last_verified": "2026-11-01",
            "sources": [
                "https://www.canada.ca/en/immigration-refugees-citizenship/services/visit-canada.html",
                "https://www.canada.ca/fr/immigration-refugies-citoyennete/services/visiter-canada.html",
            ],
            "fr": {
                "title": "Visa",
                "answer": "Un visa ou une AVE selon votre pays.",
                "questions": ["visa?"],
            },
            "en": {
                "title": "Visa",
                "answer": "A visa or an eTA depending on your country.",
                "questions": ["visa?"],
            },
        }
    )
    assert answer_text(entry, "fr").endswith(
        "Source : Gouvernement du Canada — "
        "https://www.canada.ca/fr/immigration-refugies-citoyennete/services/visiter-canada.html"
    )
    assert answer_text(entry, "en").endswith(
        "Source: Government of Canada — "
        "https://www.canada.ca/en/immigration-refugees-citizenship/services/visit-canada.html"
    )
    other = entry.model_copy(update={"competent_body": "autre"})
    assert answer_text(other, "en").endswith(
        "\nSource: https://www.canada.ca/en/immigration-refugees-citizenship/services/visit-canada.html"
    )
