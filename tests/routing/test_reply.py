"""What the assistant says for each routing decision, without Rasa."""

from __future__ import annotations

import pytest

from assistant.routing import reply
from assistant.routing.decision import Route
from tests.fakes import make_entry, sample_entries

WORK, CONGRESS, BUREAU = sample_entries()


def test_an_answer_is_the_entry_with_its_source_and_its_id_for_the_widget():
    [message] = reply.answers([WORK], "en")
    assert message.text == (
        "Work permits are issued by IRCC. See: https://www.canada.ca\n"
        "Source: Government of Canada — https://www.canada.ca/en/immigration-refugees-citizenship.html"
    )
    assert message.custom == {"outcome": "answer", "language": "en", "kb_entries": [WORK.id]}
    assert message.buttons == [] and message.response is None


def test_only_the_first_answer_is_prefixed():
    first, second = reply.answers([WORK, CONGRESS], "fr", "Bonjour!")
    assert first.text is not None and first.text.startswith("Bonjour! Le permis de travail")
    assert second.text is not None and second.text.startswith("Le Centre des congrès")


def test_an_entry_that_needs_staff_is_followed_by_the_offer_of_the_bureau():
    answer, offer = reply.answers([BUREAU], "en")
    assert offer.buttons == [{"title": "Yes, contact the Bureau", "payload": reply.OFFER_PAYLOAD}]
    assert offer.custom is None


@pytest.mark.parametrize(
    ("opening", "language", "expected"),
    [("greet", "fr", "Bonjour!"), ("thank", "en", "You're welcome!"), ("goodbye", "fr", None)],
)
def test_a_greeting_or_thanks_is_returned_before_the_answer(opening, language, expected):
    assert reply.courtesy_reply(opening, language) == expected
    assert reply.courtesy_reply(None, language) is None


@pytest.mark.parametrize(
    ("act", "response"),
    [
        ("greet", "utter_greet"),
        ("goodbye", "utter_goodbye"),
        ("thank", "utter_you_are_welcome"),
        ("bot_challenge", "utter_iamabot"),
        ("ask_capabilities", "utter_capabilities"),
        ("affirm", "utter_how_can_i_help"),
        (None, "utter_how_can_i_help"),
    ],
)
def test_smalltalk_is_a_domain_response(act, response):
    assert reply.smalltalk(act) == reply.Utterance(response=response)


def test_a_choice_offers_one_button_per_entry_and_names_them_for_the_widget():
    choice = reply.clarification([WORK, CONGRESS], "en")
    assert choice.text is not None and "several topics" in choice.text
    assert [b["title"] for b in choice.buttons] == ["Work permits", "Québec City Convention Centre"]
    assert choice.custom == {
        "outcome": "clarify",
        "language": "en",
        "kb_entries": [WORK.id, CONGRESS.id],
    }
    assert (
        reply.clarification([WORK], "fr").text != reply.clarification([WORK, CONGRESS], "fr").text
    )


def test_not_understood_says_which_languages_are_answered_to_a_third_language():
    assert reply.not_understood("en", foreign=False).custom == {
        "outcome": "fallback",
        "language": "en",
    }
    assert reply.not_understood("en", True).text != reply.not_understood("en", False).text


def test_the_offer_of_a_person_has_yes_and_no_buttons():
    offer = reply.escalation_offer("fr")
    assert [b["payload"] for b in offer.buttons] == [reply.OFFER_PAYLOAD, "/deny"]
    assert offer.custom == {"outcome": "escalate", "language": "fr"}


def test_each_decision_gets_its_messages():
    entry = make_entry()
    assert reply.for_route(Route("escalate"), [], "fr", None, False) == []
    assert reply.for_route(Route("answer", [entry.id]), [entry], "fr", "greet", False) == (
        reply.answers([entry], "fr", "Bonjour!")
    )
    assert reply.for_route(Route("smalltalk", act="thank"), [], "fr", None, False) == [
        reply.smalltalk("thank")
    ]
    assert reply.for_route(Route("out_of_scope"), [], "en", None, False) == [reply.out_of_scope()]
    assert reply.for_route(Route("clarify", [entry.id]), [entry], "en", None, False) == [
        reply.clarification([entry], "en")
    ]
    assert reply.for_route(Route("not_understood"), [], "en", None, True) == [
        reply.not_understood("en", True)
    ]


@pytest.mark.parametrize(
    ("kind", "miss"),
    [
        ("answer", False),
        ("escalate", False),
        ("smalltalk", False),
        ("out_of_scope", False),
        ("clarify", True),
        ("not_understood", True),
    ],
)
def test_a_choice_or_not_understood_counts_as_a_miss(kind, miss):
    assert reply.counts_as_miss(Route(kind)) is miss


def test_after_enough_misses_a_person_is_offered_and_the_count_starts_again():
    assert reply.count_miss(0, 2) == (1, False)
    assert reply.count_miss(1, 2) == (0, True)
    assert reply.count_miss(0, 1) == (0, True)


def test_an_utterance_is_what_the_dispatcher_takes():
    said = reply.said("Bonjour", "smalltalk", "fr")
    assert said.as_kwargs() == {
        "text": "Bonjour",
        "response": None,
        "buttons": [],
        "json_message": {"outcome": "smalltalk", "language": "fr"},
    }
