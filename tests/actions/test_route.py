"""The routing action on the sample KB (hashing encoder, a classifier trained on it)."""

from __future__ import annotations

from actions.route import ActionRoute
from tests.actions.conftest import make_tracker


def outcomes(dispatcher) -> list[str | None]:
    return [(m.get("custom") or {}).get("outcome") for m in dispatcher.messages]


async def test_a_clear_question_gets_the_entry_in_the_visitors_language_with_its_source(
    retriever, dispatcher
):
    events = await ActionRoute(retriever).run(
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
    await ActionRoute(retriever).run(
        dispatcher, make_tracker("permis de travail", language="fr"), {}
    )
    assert dispatcher.messages[0]["text"].startswith("Le permis de travail est délivré par IRCC.")
    assert "Source : Gouvernement du Canada" in dispatcher.messages[0]["text"]


async def test_a_greeting_with_a_question_gets_the_answer_and_a_greeting(retriever, dispatcher):
    tracker = make_tracker("Bonjour! Comment obtenir un permis de travail?", intent="greet")
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert outcomes(dispatcher) == ["answer"]
    assert dispatcher.messages[0]["text"].startswith("Bonjour! Le permis de travail")


async def test_a_question_the_nlu_called_out_of_scope_is_still_answered(retriever, dispatcher):
    tracker = make_tracker("work permit", language="en", intent="out_of_scope", confidence=0.99)
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["kb_entries"] == ["talent-work-permit"]


async def test_a_greeting_alone_gets_the_greeting_response(retriever, dispatcher):
    await ActionRoute(retriever).run(dispatcher, make_tracker("Bonjour!", intent="greet"), {})
    assert dispatcher.messages == [
        {
            "text": None,
            "buttons": [],
            "elements": [],
            "custom": {},
            "template": "utter_greet",
            "response": "utter_greet",
            "image": None,
            "attachment": None,
        }
    ]


async def test_a_request_for_a_person_opens_the_escalation_form(retriever, dispatcher):
    tracker = make_tracker("je veux parler à quelqu'un", intent="contact_bureau", confidence=0.95)
    events = await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert events == [{"event": "followup", "timestamp": None, "name": "escalation_form"}]
    assert dispatcher.messages == []


async def test_yes_to_the_offer_of_a_person_opens_the_form(retriever, dispatcher):
    offer = {
        "event": "bot",
        "text": "Voulez-vous que je transmette votre question?",
        "data": {"buttons": [{"title": "Oui", "payload": "/contact_bureau"}]},
    }
    tracker = make_tracker("oui", intent="affirm", events=[offer, {"event": "user", "text": "oui"}])
    events = await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert events == [{"event": "followup", "timestamp": None, "name": "escalation_form"}]


async def test_a_chosen_clarification_answers_that_entry_directly(retriever, dispatcher):
    tracker = make_tracker(
        '/events{"kb_entry":"events-congress-centre"}',
        entities=[{"entity": "kb_entry", "value": "events-congress-centre"}],
    )
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["kb_entries"] == ["events-congress-centre"]


async def test_an_entry_that_needs_staff_offers_to_contact_the_bureau(retriever, dispatcher):
    await ActionRoute(retriever).run(
        dispatcher, make_tracker("Bureau email address", language="en", intent="about_bureau"), {}
    )
    assert outcomes(dispatcher) == ["answer", None]
    assert dispatcher.messages[1]["buttons"] == [
        {"title": "Yes, contact the Bureau", "payload": "/contact_bureau"}
    ]


async def test_an_unrelated_question_is_out_of_scope(retriever, dispatcher):
    tracker = make_tracker(
        "set an alarm for seven", language="en", intent="nlu_fallback", confidence=0.3
    )
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]


async def test_a_message_in_another_language_says_which_languages_are_answered(
    retriever, dispatcher
):
    tracker = make_tracker(
        "permiso de trabajo work permit",
        language="en",
        entities=[{"entity": "foreign_language", "value": "es"}],
    )
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("I answer in English and French.")
    assert outcomes(dispatcher)[1] == "answer"


async def test_asking_to_speak_english_switches_the_language(retriever, dispatcher):
    tracker = make_tracker("Can we speak English please?", language="fr", intent="nlu_fallback")
    events = await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "en"} in events
    assert (
        dispatcher.messages[0]["text"] == "Sure, I'll continue in English. What is your question?"
    )


async def test_not_understood_twice_offers_a_person(retriever, dispatcher):
    tracker = make_tracker(
        "?!", language="en", intent="nlu_fallback", confidence=0.2, slots={"kb_misses": 1}
    )
    events = await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert outcomes(dispatcher) == ["fallback", "escalate"]
    assert dispatcher.messages[1]["buttons"][0]["payload"] == "/contact_bureau"
    assert events == [{"event": "slot", "timestamp": None, "name": "kb_misses", "value": 0}]


async def test_while_the_knowledge_base_loads_the_visitor_is_told(dispatcher):
    await ActionRoute(None).run(dispatcher, make_tracker("work permit", language="en"), {})
    assert dispatcher.messages[0]["custom"] == {"outcome": "fallback", "language": "en"}


async def test_another_citys_municipal_service_is_out_of_scope(retriever, dispatcher):
    tracker = make_tracker("Comment obtenir un permis de travail à la mairie de Lyon?")
    await ActionRoute(retriever).run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]
