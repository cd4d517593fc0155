"""Rasa's tracker store in a person's rights (assistant/privacy/rasa_trackers.py)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "staff.privacy.count.rasa_trackers": {
        "fr": "Conversations dans Rasa (état)",
        "en": "Conversations in Rasa (state)",
    },
    "privacy.doc.rasa_title": {
        "fr": "Vos conversations dans le moteur de conversation (Rasa)",
        "en": "Your conversations in the conversation engine (Rasa)",
    },
    "privacy.doc.rasa_slot": {"fr": "Réponse retenue", "en": "Answer kept"},
}
