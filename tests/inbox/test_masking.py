"""Personal data is masked before the review inbox stores or shows a question: a corpus of
French and English messages as visitors write them, each with the exact masked text, and
ordinary questions that must stay as they are."""

from __future__ import annotations

import pytest

from assistant.inbox.masking import mask

# (language, visitor text, what the inbox keeps)
CORPUS: list[tuple[str, str, str]] = [
    # emails
    ("fr", "Écrivez-moi à marie.tremblay@gmail.com svp", "Écrivez-moi à [courriel] svp"),
    ("en", "my email is J.Smith+visa@company.co.uk.", "my email is [email]."),
    ("fr", "contact : jean_dupont at hotmail dot fr", "contact : [courriel]"),
    # phone numbers, North American
    ("fr", "Appelez-moi au (418) 641-6411", "Appelez-moi au [téléphone]"),
    ("fr", "mon cell 581.555.0199 poste 22, merci", "mon cell [téléphone], merci"),
    ("en", "Call me at 1-800-555-0199 tomorrow", "Call me at [phone] tomorrow"),
    ("en", "my number is 4185550123", "my number is [phone]"),
    ("en", "reach me on +1 (514) 555-0142", "reach me on [phone]"),
    # phone numbers, international
    ("fr", "Mon numéro en France : +33 6 12 34 56 78", "Mon numéro en France : [téléphone]"),
    (
        "fr",
        "joignable au 01 23 45 67 89 ou 06.12.34.56.78",
        "joignable au [téléphone] ou [téléphone]",
    ),
    ("en", "UK office: +44 20 7946 0958", "UK office: [phone]"),
    ("en", "call 0049 30 1234567 in Berlin", "call [phone] in Berlin"),
    # postal codes
    ("fr", "J'habite au G1R 4S9, est-ce loin?", "J'habite au [code postal], est-ce loin?"),
    ("en", "our office is at h2x1y4 in Montreal", "our office is at [postal code] in Montreal"),
    ("fr", "Nous sommes au 75008 Paris", "Nous sommes au [code postal] Paris"),
    ("en", "we ship from NY 10001 and SW1A 1AA", "we ship from NY [postal code] and [postal code]"),
    # names
    (
        "fr",
        "Bonjour, je m'appelle Marie-Ève Tremblay et je cherche un permis de travail",
        "Bonjour, je m'appelle [nom] et je cherche un permis de travail",
    ),
    ("fr", "Mon nom est Jean Dupont, je veux investir", "Mon nom est [nom], je veux investir"),
    (
        "en",
        "Hi, my name is Anna Lee and I need a work permit",
        "Hi, my name is [name] and I need a work permit",
    ),
    (
        "en",
        "I'm Kwame Mensah from Accra, can I study here?",
        "I'm [name] from Accra, can I study here?",
    ),
    (
        "fr",
        "Bonjour Sophie Gagnon, où est le centre des congrès?",
        "Bonjour [nom], où est le centre des congrès?",
    ),
    ("en", "Hello John Smith, what are your hours?", "Hello [name], what are your hours?"),
    ("fr", "Puis-je parler à M. Tremblay du Bureau?", "Puis-je parler à M. [nom] du Bureau?"),
    ("en", "Is Dr. Olivia Chen available?", "Is Dr. [name] available?"),
    (
        "fr",
        "Quels documents faut-il? Cordialement, Luc Bergeron",
        "Quels documents faut-il? Cordialement, [nom]",
    ),
    ("en", "Where do I apply? Thanks, Priya", "Where do I apply? Thanks, [name]"),
    ("fr", "Merci pour l'aide — Karim Benali", "Merci pour l'aide — [nom]"),
    # several kinds at once
    (
        "fr",
        "Je suis Paul Roy (paul.roy@example.ca, 418-555-0100), code postal G1K 3X2",
        "Je suis [nom] ([courriel], [téléphone]), code postal [code postal]",
    ),
    ("en", "my passport number is 123456789", "my passport number is [number]"),
]

# Questions without personal data: nothing changes.
UNCHANGED: list[tuple[str, str]] = [
    ("fr", "Comment obtenir un permis de travail au Canada?"),
    ("en", "I'm Canadian, can I work in Québec City?"),
    ("en", "I'm looking for a venue for 500 people"),
    ("fr", "Je suis intéressé par le Centre des congrès de Québec"),
    ("fr", "Je suis Français, ai-je besoin d'un visa?"),
    ("en", "Hello Québec City! Where is the Bureau?"),
    ("fr", "Le budget est de 1 000 000 000 $ pour 2024-2025"),
    ("fr", "Notre événement aura lieu le 2026-05-12 à 14 h 30"),
    ("en", "We expect 50000 visitors in 2027"),
    ("en", "Can you help me Tuesday?"),
    ("fr", "Bonjour, avez-vous des subventions pour les PME?"),
    ("en", "Thanks, Bureau team"),
    ("fr", "Québec - Montréal en train, combien de temps?"),
]


@pytest.mark.parametrize(("language", "text", "expected"), CORPUS)
def test_personal_data_is_masked(language: str, text: str, expected: str):
    assert mask(text, language) == expected


@pytest.mark.parametrize(("language", "text"), UNCHANGED)
def test_ordinary_questions_are_kept(language: str, text: str):
    assert mask(text, language) == text


def test_the_corpus_covers_both_languages_and_every_kind():
    assert len(CORPUS) >= 20
    assert {language for language, _, _ in CORPUS} == {"fr", "en"}
    masked = " ".join(expected for _, _, expected in CORPUS)
    for placeholder in (
        "[courriel]",
        "[email]",
        "[téléphone]",
        "[phone]",
        "[code postal]",
        "[postal code]",
        "[nom]",
        "[name]",
    ):
        assert placeholder in masked


def test_a_name_given_in_the_escalation_form_is_masked_anywhere():
    text = "Est-ce que camille martin peut venir au Bureau? Camille a un rendez-vous."
    assert mask(text, "fr", known_names=["Camille Martin"]) == (
        "Est-ce que [nom] peut venir au Bureau? [nom] a un rendez-vous."
    )


def test_masking_twice_changes_nothing_more():
    for language, text, expected in CORPUS:
        assert mask(expected, language) == expected
