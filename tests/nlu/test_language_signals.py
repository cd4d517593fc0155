"""What carries a language signal (pure; runs in the app's environment, no Rasa needed)."""

from __future__ import annotations

import pytest

from assistant.nlu.language_signals import (
    FUNCTION_WORDS,
    WORD,
    fold,
    foreign_greeting,
    function_margin,
    script_language,
    sentences,
    strip_proper_names,
)


def test_fold_lowercases_and_strips_accents():
    assert fold("Québec, Lévis, ÉTÉ") == "quebec, levis, ete"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Where is the Centre des congrès de Québec?", "Where is the de ?"),
        ("Écrivez à international@ville.quebec.qc.ca ou www.quebec.ca", "Écrivez à ou"),
        ("Le CAQ et la RAMQ, très différent", "Le et la , très différent"),
        ("ok bye", ""),
        ("Programme de l'expérience québécoise, am I eligible?", ", am I eligible?"),
    ],
)
def test_names_acronyms_and_addresses_are_removed_but_accents_stay(text, kept):
    assert strip_proper_names(text) == kept


def test_function_words_give_a_margin_to_one_language():
    words = WORD.findall("i want to invest in quebec")
    assert function_margin(words, "en") == 3
    assert function_margin(words, "fr") == -3
    assert not FUNCTION_WORDS["fr"] & FUNCTION_WORDS["en"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("كيف يمكنني الحصول على تصريح عمل؟", "ar"),
        ("如何申请魁北克的技术移民？", "zh"),
        ("ケベックで働くにはどうすればいいですか", "ja"),
        ("퀘벡에서 일하려면?", "ko"),
        ("Как получить разрешение на работу в Квебеке?", "ru"),
        ("Comment obtenir un permis de travail?", None),
        ("Is CAQ 必要?", None),  # mostly Latin: left to the Latin-script detector
    ],
)
def test_a_message_in_another_script_is_named_by_its_script(text, language):
    assert script_language(text) == language


def test_a_message_is_split_into_its_sentences():
    assert sentences("Is it the same thing? c'est mêlant") == [
        "Is it the same thing?",
        "c'est mêlant",
    ]
    assert sentences("rayonne, apprend and...?") == ["rayonne, apprend and...?"]
    assert sentences("Le 3.5 % de taxe, c'est quoi?") == ["Le 3.5 % de taxe, c'est quoi?"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Guten Tag!", "de"), ("¡Buenos días!", "es"), ("Dzień dobry", "pl"), ("ciao", None)],
)
def test_greetings_in_other_languages_are_known(text, language):
    assert foreign_greeting(text) == language
