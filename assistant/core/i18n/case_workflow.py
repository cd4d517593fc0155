"""The case workflow: the case brief's fixed labels, the senders and clicked buttons of a
transcript (staff page and case email), and the case email's HTML part.

``clicked.<intent>`` makes a stored button payload readable when no button the assistant offered
explains it (messages stored before buttons were kept, a payload typed by hand)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "brief.reference": {"fr": "Référence", "en": "Reference"},
    "brief.audience": {"fr": "Public", "en": "Audience"},
    "brief.reason": {"fr": "Motif", "en": "Reason"},
    "brief.language": {"fr": "Langue", "en": "Language"},
    "sender.visitor": {"fr": "Visiteur", "en": "Visitor"},
    "sender.bot": {"fr": "Assistant", "en": "Assistant"},
    "sender.staff": {"fr": "Bureau", "en": "Bureau"},
    "sender.system": {"fr": "Système", "en": "System"},
    "transcript.button": {"fr": "bouton", "en": "button"},
    "transcript.heading": {"fr": "Conversation", "en": "Conversation"},
    "case_email.intro": {
        "fr": "Demande transmise par l'assistant international",
        "en": "Inquiry from the international assistant",
    },
    "case_email.reply_hint": {
        "fr": "Répondre à ce courriel écrit directement au visiteur.",
        "en": "Replying to this email writes directly to the visitor.",
    },
    "case_email.no_reply_hint": {
        "fr": "Le visiteur n'a pas laissé d'adresse courriel utilisable.",
        "en": "The visitor left no usable email address.",
    },
    "clicked.affirm": {"fr": "Oui", "en": "Yes"},
    "clicked.deny": {"fr": "Non", "en": "No"},
    "clicked.cancel": {"fr": "Annuler", "en": "Cancel"},
    "clicked.contact_bureau": {"fr": "Contacter le Bureau", "en": "Contact the Bureau"},
    "clicked.switch_language": {"fr": "Changer de langue", "en": "Switch language"},
    "clicked.about_bureau": {"fr": "Le Bureau", "en": "The Bureau"},
    "clicked.invest": {"fr": "Investir", "en": "Investing"},
    "clicked.talent": {"fr": "Travailler, étudier, immigrer", "en": "Work, study, immigrate"},
    "clicked.events": {"fr": "Événements et congrès", "en": "Events and congresses"},
    "clicked.partnership": {"fr": "Coopération entre villes", "en": "City-to-city cooperation"},
    "clicked.city": {"fr": "La ville de Québec", "en": "Québec City"},
    "clicked.other": {"fr": "Bouton « {intent} »", "en": "Button “{intent}”"},
    "clicked.entry": {"fr": "{label} (fiche {entry})", "en": "{label} (entry {entry})"},
}
