"""A question made of an acronym several entries are about, in French and English."""

from __future__ import annotations

import pytest

from assistant.routing.terms import entries_named_by_acronym

TITLES = [
    ("talent-caq-work", "Certificat d'acceptation du Québec (CAQ) pour travail"),
    ("talent-caq-work", "Québec Acceptance Certificate (CAQ) for work"),
    ("talent-caq-studies", "Certificat d'acceptation du Québec (CAQ) pour études"),
    ("talent-caq-studies", "Québec Acceptance Certificate (CAQ) for studies"),
    ("talent-csq", "Certificat de sélection du Québec (CSQ)"),
    ("talent-csq", "Québec Selection Certificate (CSQ)"),
    ("talent-study-permit", "Studying in Québec: CAQ, then study permit"),  # in passing
    ("talent-permanent-residence", "Résidence permanente après le CSQ (IRCC)"),
    ("city-capital", "Québec, capitale nationale : l'Assemblée nationale"),
]
CAQ = frozenset({"talent-caq-work", "talent-caq-studies"})


@pytest.mark.parametrize(
    "question",
    [
        "c'est quoi le CAQ",
        "C quoi le caq?",
        "Qu'est-ce que le CAQ ?",
        "CAQ?",
        "What is the CAQ?",
        "whats a caq",
        "CAQ meaning",
    ],
)
def test_the_acronym_alone_names_every_entry_about_it(question):
    assert entries_named_by_acronym(question, TITLES) == CAQ


@pytest.mark.parametrize(
    "question",
    [
        "CAQ pour études",  # says which
        "do I need a CAQ to work?",
        "c'est quoi le CSQ",  # one entry: nothing to choose
        "what is the capitale",  # a word of a title, not an acronym
        "Quel est le courriel du Bureau?",
    ],
)
def test_anything_more_than_the_acronym_leaves_the_classifier_to_decide(question):
    assert entries_named_by_acronym(question, TITLES) == frozenset()
