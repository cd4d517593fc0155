"""How a KB entry is shown to the visitor."""

from __future__ import annotations

import json

from assistant.kb.answer import answer_text, choice_button, source_url
from tests.fakes import make_entry

BILINGUAL_SOURCES = ["https://example.ca/fr/permis", "https://example.ca/en/permits"]


def test_the_source_is_in_the_visitors_language_when_the_entry_has_one():
    entry = make_entry(sources=BILINGUAL_SOURCES)
    assert source_url(entry, "fr") == "https://example.ca/fr/permis"
    assert source_url(entry, "en") == "https://example.ca/en/permits"


def test_else_a_source_not_in_the_other_language_else_the_first():
    neutral = make_entry(sources=["https://example.ca/en/permits", "https://example.ca/permis"])
    assert source_url(neutral, "fr") == "https://example.ca/permis"
    assert source_url(make_entry(sources=["https://example.ca/en/permits"]), "fr") == (
        "https://example.ca/en/permits"
    )


def test_the_answer_names_the_competent_body_and_the_source():
    assert answer_text(make_entry(), "fr") == (
        "Le permis de travail est délivré par IRCC. Consultez : https://www.canada.ca\n"
        "Source : Gouvernement du Canada — "
        "https://www.canada.ca/en/immigration-refugees-citizenship.html"
    )


def test_without_a_useful_body_name_the_source_speaks_for_itself():
    text = answer_text(make_entry(competent_body="autre"), "en")
    assert text.endswith("\nSource: https://www.canada.ca/en/immigration-refugees-citizenship.html")


def test_a_choice_button_sends_the_topics_intent_with_the_entry():
    entry = make_entry()
    button = choice_button(entry, "en")
    assert button["title"] == "Work permits"
    assert button["payload"].startswith(f"/{entry.intent}{{")
    assert json.loads(button["payload"][len(entry.intent) + 1 :]) == {"kb_entry": entry.id}
