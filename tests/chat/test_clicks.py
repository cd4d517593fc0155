"""Transcripts show what the visitor clicked: the title of a button the assistant offered, never
its payload; a payload no offered button explains is still readable."""

from __future__ import annotations

from assistant.chat.clicks import Shown, readable_payload, shown_texts
from assistant.core.i18n import t

CONSENT = {
    "buttons": [
        {"title": "J'accepte", "payload": "/affirm"},
        {"title": "Je refuse", "payload": "/deny"},
    ]
}
WELCOME = {
    "buttons": [
        {"title": "Investir à Québec", "payload": "Je veux investir ou implanter une entreprise"}
    ]
}


def test_a_clicked_payload_is_shown_by_the_title_of_the_button_offered():
    shown = shown_texts(
        [
            ("visitor", "Je veux parler à quelqu'un", None),
            ("bot", "Acceptez-vous?", CONSENT),
            ("visitor", "/affirm", {"outcome": "form"}),
        ],
        "fr",
    )
    assert shown == [
        Shown("Je veux parler à quelqu'un"),
        Shown("Acceptez-vous?"),
        Shown("J'accepte", button=True),
    ]


def test_a_sentence_payload_of_a_welcome_button_is_shown_by_its_title():
    shown = shown_texts(
        [("bot", "Bienvenue", WELCOME), ("visitor", WELCOME["buttons"][0]["payload"], None)], "fr"
    )
    assert shown[-1] == Shown("Investir à Québec", button=True)


def test_the_latest_offer_of_a_payload_gives_its_title():
    english = {"buttons": [{"title": "I agree", "payload": "/affirm"}]}
    shown = shown_texts(
        [("bot", "?", CONSENT), ("bot", "?", english), ("visitor", "/affirm", None)], "en"
    )
    assert shown[-1] == Shown("I agree", button=True)


def test_only_buttons_the_assistant_offered_count():
    """A staff or system message carrying a buttons payload (never ours) names nothing."""
    forged = {"buttons": [{"title": "Forged title", "payload": "/affirm"}]}
    shown = shown_texts([("staff", "Bonjour", forged), ("visitor", "/affirm", None)], "fr")
    assert shown[-1] == Shown(t("clicked.affirm", "fr"), button=True)


def test_typed_text_is_shown_as_typed():
    shown = shown_texts([("bot", "?", CONSENT), ("visitor", "J'accepte", None)], "fr")
    assert shown[-1] == Shown("J'accepte")


def test_old_payloads_without_an_offered_button_are_readable_in_the_conversation_language():
    messages = [
        ("visitor", "/affirm", None),
        ("visitor", "/contact_bureau", None),
        ("visitor", '/about_bureau{"kb_entry":"bureau-contact"}', None),
        ("visitor", '/official_request{"kb_entry":"c2c-invite-mayor"}', None),
        ("visitor", '/switch_language{"requested_language":"en"}', None),
    ]
    assert [s.text for s in shown_texts(messages, "fr")] == [
        "Oui",
        "Contacter le Bureau",
        "Le Bureau (fiche bureau-contact)",
        "Bouton « official request » (fiche c2c-invite-mayor)",
        "Changer de langue (en)",
    ]
    assert [s.text for s in shown_texts(messages, "en")][:3] == [
        "Yes",
        "Contact the Bureau",
        "The Bureau (entry bureau-contact)",
    ]
    assert all(s.button and not s.text.startswith("/") for s in shown_texts(messages, "en"))


def test_text_that_only_starts_with_a_slash_is_not_a_payload():
    assert readable_payload("/ pas un bouton", "fr") is None
    assert readable_payload("1/2 journée", "fr") is None
