"""What the router reads from the conversation so far."""

from __future__ import annotations

from assistant.routing.history import (
    follow_up_reading,
    offered_escalation,
    previous_answers,
    previous_question,
)
from assistant.routing.reply import OFFER_PAYLOAD


def user(text: str) -> dict:
    return {"event": "user", "text": text}


def bot(*payloads: str) -> dict:
    return {"event": "bot", "text": "…", "data": {"buttons": [{"payload": p} for p in payloads]}}


def test_the_previous_question_is_the_visitors_message_before_the_latest():
    events = [user("permis de travail?"), bot(), user("et pour étudier?")]
    assert previous_question(events) == "permis de travail?"


def test_buttons_and_the_latest_message_are_not_a_previous_question():
    assert previous_question([user("bonjour")]) is None
    assert previous_question([user("permis?"), user("/affirm"), user("et alors?")]) == "permis?"
    assert previous_question([]) is None


def answered(*entries: str, outcome: str = "answer") -> dict:
    custom = {"outcome": outcome, "kb_entries": list(entries)}
    return {"event": "bot", "text": "…", "data": {"custom": custom}}


def test_the_previous_answers_are_those_given_to_the_visitors_previous_message():
    events = [user("permis?"), answered("talent-work-permit"), user("et ma femme?")]
    assert previous_answers(events) == {"talent-work-permit"}
    older = [user("permis?"), answered("talent-work-permit"), user("merci"), bot(), user("et?")]
    assert previous_answers(older) == frozenset()
    offered = [user("caq?"), answered("talent-caq-work", "talent-caq-studies", outcome="clarify")]
    assert previous_answers([*offered, user("et?")]) == frozenset()
    assert previous_answers([user("bonjour")]) == frozenset()


def test_an_offer_counts_only_when_it_is_the_assistants_last_message():
    assert offered_escalation([bot(OFFER_PAYLOAD, "/deny"), user("oui")])
    assert not offered_escalation([bot("/deny"), user("oui")])
    assert not offered_escalation([bot(OFFER_PAYLOAD), user("non"), bot(), user("oui")])
    assert not offered_escalation([user("oui")])


def test_a_short_question_is_read_with_the_previous_one_without_its_courtesies():
    assert (
        follow_up_reading("Bonjour! Comment obtenir un permis de travail?", "et d'études?", 8)
        == "Comment obtenir un permis de travail? et d'études?"
    )


def test_a_long_question_or_no_previous_one_is_read_alone():
    assert follow_up_reading("permis de travail?", "un deux trois quatre cinq", 4) is None
    assert follow_up_reading(None, "et d'études?", 8) is None
    assert follow_up_reading("", "et d'études?", 8) is None
