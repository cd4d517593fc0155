"""Escalations through POST /api/chat, with the real Rasa model, up to the email received."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _reference(text: str) -> str:
    return next(word.strip(".,") for word in text.split() if word.startswith("BRI-"))


def test_a_french_escalation_from_consent_to_the_bureaus_email(stack):
    turn = stack.chat(
        "Bonjour, je voudrais parler à une personne du Bureau des relations internationales"
    )
    conversation = turn["conversation_id"]
    assert (turn["outcome"], turn["language"]) == ("escalate", "fr")
    assert "conservés au plus 2 ans" in turn["messages"][-1]["text"]
    assert [b["payload"] for b in turn["messages"][-1]["buttons"]] == ["/affirm", "/deny"]

    steps = [
        ("/affirm", "Qui êtes-vous"),
        ("Investisseur ou entreprise", "nom"),
        ("Ana García", "courriel"),
        ("ce n'est pas un courriel", "courriel"),  # refused, asked again
        ("ana.garcia@example.es", "organisation"),
        ("Biomédica Sevilla", "pays"),
        ("Espagne", "secteur"),
        ("technologies médicales", "étape"),
        ("Choix du site", "Décrivez"),
        (
            "Nous cherchons un site pour un bureau nord-américain de 20 personnes.",
            "Voici ce que je vais transmettre",
        ),
    ]
    for text, expected in steps:
        turn = stack.chat(text, conversation)
        assert turn["outcome"] == "form", (text, turn)
        assert expected in turn["messages"][-1]["text"], (text, turn["messages"])
    # correct the email, then send
    turn = stack.chat("Corriger : Courriel", conversation)
    assert "courriel" in turn["messages"][-1]["text"]
    turn = stack.chat("ana@biomedica.es", conversation)
    assert "Voici ce que je vais transmettre" in turn["messages"][-1]["text"]
    assert "ana@biomedica.es" in turn["messages"][-1]["text"]
    turn = stack.chat("/affirm", conversation)
    assert turn["outcome"] == "escalate"
    reference = _reference(turn["messages"][-1]["text"])

    emails = stack.wait_for_mail(reference, timeout=20, count=2)  # brief + acknowledgement
    to_bureau = [m for m in emails if m["To"] == "international@ville.quebec.qc.ca"]
    assert len(to_bureau) == 1
    assert to_bureau[0]["Reply-To"] == "ana@biomedica.es"  # staff answer with Reply
    body = to_bureau[0].get_body(("plain",)).get_content()
    assert "Ana García" in body and "ana@biomedica.es" in body and "technologies médicales" in body
    assert "Investisseur / Investor" in body
    acknowledgement = [m for m in emails if m["To"] == "ana@biomedica.es"]
    assert len(acknowledgement) == 1 and reference in acknowledgement[0].get_content()


def test_an_english_escalation_for_an_official_visit(stack):
    turn = stack.chat(
        "Our mayor would like to lead a delegation to Québec City next May and meet your mayor"
    )
    conversation = turn["conversation_id"]
    assert (turn["outcome"], turn["language"]) == ("escalate", "en")
    answers = [
        "/affirm",
        "Partner city or organisation",
        "Jean Dupont",
        "jean.dupont@mairie-exemple.fr",
        "Mairie d'Exemple",
        "France",
        "delegation visit and a cooperation agreement",
        "A delegation of 8 people from 12 to 15 May, to discuss a cooperation agreement.",
    ]
    for text in answers:
        turn = stack.chat(text, conversation)
        assert turn["outcome"] == "form", (text, turn)
    assert "Here is what I will send" in turn["messages"][-1]["text"]
    turn = stack.chat("/affirm", conversation)
    reference = _reference(turn["messages"][-1]["text"])
    [email] = [
        m
        for m in stack.wait_for_mail(reference, timeout=20)
        if m["To"] == "international@ville.quebec.qc.ca"
    ]
    assert "Ville partenaire / Partner city" in email.get_body(("plain",)).get_content()


def test_declining_consent_keeps_nothing_and_gives_the_public_address(stack):
    turn = stack.chat("I need to talk to a human at the Bureau please")
    turn = stack.chat("/deny", turn["conversation_id"])
    assert turn["outcome"] == "escalate"
    assert "kept nothing" in turn["messages"][-1]["text"]
    assert "international@ville.quebec.qc.ca" in turn["messages"][-1]["text"]


def test_cancelling_in_the_middle_of_the_form(stack):
    turn = stack.chat("Je voudrais parler à quelqu'un du Bureau")
    conversation = turn["conversation_id"]
    stack.chat("/affirm", conversation)
    stack.chat("Autre", conversation)
    turn = stack.chat("/cancel", conversation)
    assert "rien n'a été transmis" in turn["messages"][-1]["text"]
    # the assistant answers questions again
    turn = stack.chat("Comment obtenir un permis de travail?", conversation)
    assert turn["outcome"] in ("answer", "clarify")
