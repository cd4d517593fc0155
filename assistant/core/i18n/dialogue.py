"""What the Rasa actions say besides KB answers and the form: small talk, language
switches, messages not understood, and the offers to pass a question on to the Bureau."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "greeting_reply": {"fr": "Bonjour!", "en": "Hello!"},
    "thanks_reply": {"fr": "Avec plaisir!", "en": "You're welcome!"},
    "language_switched": {
        "fr": "D'accord, je continue en français. Quelle est votre question?",
        "en": "Sure, I'll continue in English. What is your question?",
    },
    "language_switched_short": {
        "fr": "D'accord, je continue en français.",
        "en": "Sure, I'll continue in English.",
    },
    "other_language_note": {
        "fr": "Je réponds en français et en anglais. Voici ce que je peux vous dire en "
        "français (English: just write in English).",
        "en": "I answer in English and French. Here is what I can tell you in English "
        "(en français : écrivez simplement en français).",
    },
    "other_language_not_understood": {
        "fr": "Pourriez-vous écrire votre question en français ou en anglais? Vous pouvez aussi "
        "écrire au Bureau : international@ville.quebec.qc.ca.",
        "en": "Could you write your question in English or French? You can also write to the "
        "Bureau: international@ville.quebec.qc.ca.",
    },
    "kb_not_understood": {
        "fr": "Désolé, je n'ai pas bien compris. Pourriez-vous reformuler votre question en une "
        "phrase? Par exemple : « Comment obtenir un permis de travail? »",
        "en": "Sorry, I didn't quite understand. Could you rephrase your question in one sentence? "
        'For example: "How do I get a work permit?"',
    },
    "kb_offer_bureau": {
        "fr": "Souhaitez-vous que le Bureau des relations internationales donne suite à "
        "votre demande?",
        "en": "Would you like the Bureau des relations internationales to follow up on your "
        "request?",
    },
    "kb_offer_bureau_button": {
        "fr": "Oui, contacter le Bureau",
        "en": "Yes, contact the Bureau",
    },
    "kb_offer_escalation": {
        "fr": "Je n'ai toujours pas de réponse sûre. Voulez-vous que je transmette votre question "
        "à une personne du Bureau?",
        "en": "I still don't have a reliable answer. Would you like me to pass your question on to "
        "a person at the Bureau?",
    },
    "yes_transmit": {"fr": "Oui, transmettre", "en": "Yes, pass it on"},
    "no_thanks": {"fr": "Non merci", "en": "No thanks"},
    "escalation_declined": {
        "fr": "D'accord. Avez-vous une autre question?",
        "en": "All right. Do you have another question?",
    },
}
