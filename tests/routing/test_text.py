from __future__ import annotations

import pytest

from assistant.routing.text import question_parts, split_courtesies


@pytest.mark.parametrize(
    ("message", "opening", "question"),
    [
        (
            "Bonjour! Qui peut m'aider à trouver un emploi à Québec?",
            "greet",
            "Qui peut m'aider à trouver un emploi à Québec?",
        ),
        ("Merci, et pour un permis d'études?", "thank", "pour un permis d'études?"),
        ("Hi there, which airport do I fly into?", "greet", "which airport do I fly into?"),
        ("thanks! and what about a study permit", "thank", "what about a study permit"),
        ("slt jcherche un job a quebec", "greet", "jcherche un job a quebec"),
        (
            "Hola, ¿cómo obtengo un permiso de trabajo?",
            "greet",
            "cómo obtengo un permiso de trabajo?",
        ),
        ("Comment obtenir un CAQ? Merci d'avance!", None, "Comment obtenir un CAQ?"),
        ("Which documents do I need for the CAQ?", None, "Which documents do I need for the CAQ?"),
    ],
)
def test_the_question_is_separated_from_the_courtesies_around_it(message, opening, question):
    split = split_courtesies(message)
    assert (split.opening, split.question) == (opening, question)
    assert not split.only_courtesy


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        ("Bonjour!", "greet"),
        ("merci beaucoup :)", "thank"),
        ("Hello there", "greet"),
        ("ok merci", "thank"),
        ("Au revoir!", "goodbye"),
        ("Thanks a lot!", "thank"),
    ],
)
def test_a_message_of_courtesies_only_is_recognised(message, opening):
    split = split_courtesies(message)
    assert split.only_courtesy
    assert split.opening == opening


def test_words_that_merely_start_like_a_greeting_are_kept():
    # "hi" in "hiring", "salut" in "salutaire", "ty" in "type": not courtesies
    for message in ("hiring foreign workers", "type of visa for a congress", "salutaire?"):
        assert split_courtesies(message).question == message


def test_two_questions_in_one_message_are_split():
    assert question_parts("What is the CAQ? And how much is tuition at Laval?") == [
        "What is the CAQ?",
        "And how much is tuition at Laval?",
    ]
    assert question_parts("C'est quoi le CAQ et aussi combien coûte un permis d'études") == [
        "C'est quoi le CAQ",
        "combien coûte un permis d'études",
    ]


def test_one_question_is_not_split():
    assert question_parts("How do I get a work permit for Québec City?") == []
    assert question_parts("Visa? Please.") == []  # parts of fewer than three words
    # a story around one question asks that question only
    story = (
        "We are moving from Lyon in March. He has an open work permit. "
        "When does public health coverage start for us?"
    )
    assert question_parts(story) == []
    assert question_parts(
        "J'arrive en mars avec ma famille. Faut-il un CAQ? Et où inscrire les enfants à l'école?"
    ) == ["Faut-il un CAQ?", "Et où inscrire les enfants à l'école?"]


def test_a_request_to_change_language_is_recognised_and_set_aside():
    from assistant.routing.text import asks_to_switch_language, without_switch_request

    assert asks_to_switch_language("Can we speak English please?")
    assert asks_to_switch_language("on peut continuer en français?")
    assert not asks_to_switch_language("L'Université Laval offre-t-elle des programmes en anglais?")
    assert not asks_to_switch_language("is french required to work in quebec city?")
    # saying what one speaks is not asking to change language
    assert not asks_to_switch_language("I speak some French, maybe intermediate level.")
    assert not asks_to_switch_language("Je parle un peu anglais, est-ce suffisant?")
    assert not asks_to_switch_language("We speak French and English at home.")
    assert asks_to_switch_language("I only speak English")
    # asking about who speaks what is a question, not a request
    assert not asks_to_switch_language("y does everyone speak french there?? thought it was canada")
    assert not asks_to_switch_language("Do I need to speak French to work in Québec City?")
    assert not asks_to_switch_language("Est-ce que les gens parlent anglais là-bas?")
    assert asks_to_switch_language("Merci. Can you answer in English?")
    assert (
        without_switch_request(
            "D'accord, je peux écrire en français. Est-ce que je peux travailler en étudiant?"
        )
        == "Est-ce que je peux travailler en étudiant?"
    )


def test_follow_ups_and_information_questions_are_recognised():
    from assistant.routing.text import asks_how, looks_like_follow_up

    assert looks_like_follow_up("What about for my wife?")
    assert looks_like_follow_up("et pour un permis d'études?")
    assert looks_like_follow_up("Merci, et pour un permis d'études?")
    assert not looks_like_follow_up("Comment obtenir un permis d'études?")
    assert asks_how("lettre d'appui de la ville c possible? delai?")
    assert asks_how("how do I invite the mayor to our summit")
    assert not asks_how("Please forward my invitation to the mayor's office")


def test_a_request_to_be_contacted_is_told_from_a_request_for_contact_details():
    from assistant.routing.text import asks_to_be_contacted

    assert asks_to_be_contacted("Please have someone from your team contact me next week.")
    assert asks_to_be_contacted("Pouvez-vous me rappeler demain? Mon courriel est a@b.ca")
    assert not asks_to_be_contacted("How can I contact the Bureau?")
    assert not asks_to_be_contacted("comment vous joindre par téléphone depuis la Belgique")


def test_asking_to_be_put_in_touch_with_someone_is_a_request_for_a_person():
    from assistant.routing.text import asks_to_be_contacted

    assert asks_to_be_contacted("Could you put me in touch with the mayor's press office?")
    assert asks_to_be_contacted("Can you connect me with someone at the Bureau today")
    assert asks_to_be_contacted("Pouvez-vous me mettre en lien avec le cabinet du maire?")
    assert asks_to_be_contacted("pourriez-vous me mettre en contact avec la bonne personne")
    assert not asks_to_be_contacted("Comment se mettre en contact avec le Bureau?")
    assert not asks_to_be_contacted("Is there a network to connect with other expats?")


def test_who_handles_where_and_keyword_queries_ask_for_information():
    from assistant.routing.text import asks_how

    assert asks_how("Who handles press inquiries about the city's international activities?")
    assert asks_how("ou sont publies les communiques de presse de la ville")
    assert asks_how("Qui s'occupe des demandes de lettres d'appui?")
    assert asks_how("letter of support city")  # a subject in a few words, nothing asked done
    assert not asks_how("official letter please")
    assert not asks_how("call me back")  # a request, however short


def test_asking_to_have_someone_on_the_phone_is_a_request_for_a_person():
    from assistant.routing.text import asks_to_be_contacted

    assert asks_to_be_contacted("jpeux tu avoir qqun du bureau au tel??")
    assert asks_to_be_contacted("Can I speak to someone about our investment project?")
    assert asks_to_be_contacted("est-ce que je peux parler à quelqu'un du Bureau")
    assert not asks_to_be_contacted("Quelqu'un peut-il m'expliquer le CAQ?")
