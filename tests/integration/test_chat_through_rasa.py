"""The real thing: trained Rasa model + app + KB, through POST /api/chat."""

from __future__ import annotations

import socket

import httpx
import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def test_a_french_question_gets_a_french_kb_answer(stack):
    reply = stack.chat(
        "Bonjour, comment obtenir un permis de travail pour venir travailler à Québec?"
    )
    assert reply["language"] == "fr"
    assert reply["outcome"] in ("answer", "clarify")
    assert any(entry.startswith("talent-") for entry in reply["kb_entries"])
    shown = " ".join(
        m["text"] + " ".join(b["title"] for b in m["buttons"]) for m in reply["messages"]
    )
    assert "permis" in shown.lower()


def test_an_english_question_gets_an_english_kb_answer(stack):
    reply = stack.chat(
        "Hi! Where is the Centre des congrès de Québec and can it host our congress?"
    )
    assert reply["language"] == "en"
    assert reply["outcome"] == "answer"
    assert reply["kb_entries"] == ["events-centre-des-congres"]
    assert "Source" in reply["messages"][0]["text"]


def test_greeting_is_smalltalk_with_topic_buttons_in_the_visitors_language(stack):
    reply = stack.chat("Hello there")
    assert (reply["outcome"], reply["language"]) == ("smalltalk", "en")
    assert len(reply["messages"][0]["buttons"]) == 4


def test_a_conversation_keeps_its_language_on_short_messages_and_switches_on_request(stack):
    first = stack.chat("Hello, I would like to study at Université Laval next year")
    conversation = first["conversation_id"]
    assert first["language"] == "en"
    assert stack.chat("ok", conversation)["language"] == "en"
    switched = stack.chat("est-ce qu'on peut parler en français?", conversation)
    assert (switched["language"], switched["outcome"]) == ("fr", "smalltalk")
    assert stack.chat("merci", conversation)["language"] == "fr"


def test_out_of_scope_is_said_politely_with_who_to_ask(stack):
    reply = stack.chat("what's my credit card balance")
    assert reply["outcome"] == "out_of_scope"
    assert "311" in reply["messages"][0]["text"]


def test_asking_for_a_person_escalates(stack):
    reply = stack.chat("Je voudrais parler à une personne du Bureau, svp")
    assert (reply["outcome"], reply["language"]) == ("escalate", "fr")
    assert "Acceptez-vous?" in reply["messages"][0]["text"]  # the notice, before any question


def test_a_clarification_choice_answers_the_chosen_entry(stack):
    reply = stack.chat('/talent{"kb_entry":"talent-caq-studies"}', language="en")
    assert reply["outcome"] == "answer" and reply["kb_entries"] == ["talent-caq-studies"]


def test_rasa_is_not_reachable_beyond_loopback_and_has_no_http_api(stack):
    # started without --enable-api: no tracker endpoint even on loopback
    response = httpx.get(f"{stack.rasa_url}/conversations/x/tracker", timeout=5)
    assert response.status_code in (403, 404, 405)
    # bound to 127.0.0.1 only: the machine's other addresses refuse the connection
    port = int(stack.rasa_url.rsplit(":", 1)[1])
    addresses = {
        info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    }
    for address in addresses - {"127.0.0.1", "127.0.1.1"}:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass


# Issue 9's examples: what a visitor receives, through the real stack.


def test_a_greeting_does_not_swallow_the_question_after_it(stack):
    reply = stack.chat("Bonjour! Qui peut m'aider à trouver un emploi à Québec?")
    assert (reply["outcome"], reply["language"]) == ("answer", "fr")
    assert reply["messages"][0]["text"].startswith("Bonjour!")


def test_thanks_with_a_follow_up_answers_the_follow_up(stack):
    first = stack.chat("Comment obtenir un permis de travail pour Québec?", language="fr")
    reply = stack.chat("Merci, et pour un permis d'études?", first["conversation_id"])
    assert reply["outcome"] == "answer"
    assert set(reply["kb_entries"]) & {"talent-study-permit", "talent-caq-studies"}


def test_the_bureaus_email_is_given_not_a_choice_or_the_form(stack):
    reply = stack.chat("Quel est le courriel du Bureau?")
    assert reply["outcome"] == "answer" and reply["kb_entries"] == ["bureau-contact"]
    assert "international@ville.quebec.qc.ca" in reply["messages"][0]["text"]


def test_an_everyday_english_question_is_not_refused_as_out_of_scope(stack):
    reply = stack.chat("Am I covered by medicare as soon as I land in Québec?")
    assert (reply["outcome"], reply["language"]) == ("answer", "en")
    assert "talent-ramq-health-insurance" in reply["kb_entries"]


def test_short_english_first_messages_are_answered_in_english(stack):
    for text in ("office address pls", "set a timer for 5 min"):
        assert stack.chat(text)["language"] == "en", text


def test_a_spanish_question_is_answered_in_english_saying_which_languages(stack):
    reply = stack.chat("¿Cómo puedo obtener un permiso de trabajo para trabajar en Quebec?")
    assert reply["language"] == "en"
    assert reply["messages"][0]["text"].startswith("I answer in English and French.")
    on_french_page = stack.chat("¿Cómo puedo obtener un permiso de trabajo?", language="fr")
    assert on_french_page["language"] == "fr"
    assert on_french_page["messages"][0]["text"].startswith("Je réponds en français et en anglais.")
