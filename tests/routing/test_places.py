from __future__ import annotations

import pytest

from assistant.routing.places import about_other_cities, asks_about_another_city


@pytest.mark.parametrize(
    "text",
    [
        "Comment payer mes taxes municipales à Toronto?",
        "What's the phone number of Montréal's international relations office?",
        "permis de stationnement à Lévis?",
        "garbage pickup schedule in Ottawa",
        "À Toronto, comment payer les taxes foncières?",
        "Comment joindre le maire de Montréal?",
        "who is the mayor of Ottawa",
        "collecte des ordures a Gatineau c'est quel jour",
        "heures d'ouverture de l'hôtel de ville de Sherbrooke",
        "le bureau des relations internationales de la Ville de Paris, leur courriel?",
        "Montreal city hall phone number",
        "311 Toronto",
        "snow removal in Trois Rivieres",
        "building permit in the city of Laval",
        "la mairie de Bordeaux est ouverte le samedi?",
    ],
)
def test_a_service_of_another_city_is_flagged(text):
    assert asks_about_another_city(text)


@pytest.mark.parametrize(
    "text",
    [
        # the other city is where the visitor lives or comes from
        "I'm from Toronto, how do I get a work permit for Québec?",
        "je vis à Paris et je veux déménager à Québec",
        "I live in Ottawa and I'm moving: how do property taxes work?",
        "Je viens d'Ottawa, comment payer mes taxes municipales?",
        "J'étudie à Laval, où obtenir un permis de stationnement?",  # Université Laval
        # no city-level service asked for
        "how far is Québec from Montréal?",
        "jumelage avec Bordeaux",
        "vols depuis Paris",
        "how does Ottawa's tax help for company research work?",
        "Je compare Toronto, Montréal et Québec pour un centre de R-D",
        # Québec City named, or addressed
        "taxes municipales à Québec",
        "I haven't received the property tax bill for my condo in Sainte-Foy",
        "Quebec vs Montreal: which has cheaper parking?",
        "Le maire de Bordeaux arrive jeudi, votre maire peut-il le recevoir?",
        # the visitor speaks for another city, or of relations between cities
        "je suis adjoint au maire de Lyon, nous voulons organiser une mission",
        "I'd like a comment on the official visit of the mayor of Bordeaux",
        "Une délégation de la ville de Kyoto arrivera le 14 mai, qui nous reçoit?",
        # the mayor is ours; Lyon is where the forum is
        "Can we invite the Mayor to a cities forum in Lyon next year?",
        "stationnement à l'île d'Orléans",
        # "a Paris-based company", "a Toronto firm": where the visitor's company is
        "Can a Paris-based company get a business licence?",
        "We are a Toronto firm looking for parking near the Centre des congrès",
    ],
)
def test_a_question_that_merely_names_another_city_is_not_flagged(text):
    assert not asks_about_another_city(text)


def test_entries_about_other_cities_are_city_to_city_and_a_few_more():
    assert about_other_cities("c2c-propose-partnership", "city-to-city")
    assert about_other_cities("bureau-regional-collaboration", "bureau")
    assert not about_other_cities("city-municipal-services-residents", "city")
    assert not about_other_cities("bureau-contact", "bureau")


def test_every_entry_named_as_about_other_cities_is_in_the_kb():
    from assistant.core.config import Settings
    from assistant.kb.loader import load_entries
    from assistant.routing.places import ABOUT_OTHER_CITIES

    ids = {entry.id for entry in load_entries(Settings().kb_dir)}
    assert not ABOUT_OTHER_CITIES - ids, "renamed or removed: update assistant/routing/places.py"
