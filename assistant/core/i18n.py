"""The app's own visitor-facing strings, one table per language (Rasa holds the dialogue's)."""

from __future__ import annotations

from typing import Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

STRINGS: dict[str, dict[Language, str]] = {
    "assistant_unavailable": {
        "fr": "L'assistant démarre ou est momentanément indisponible. Votre message est "
        "conservé : réessayez dans quelques secondes, ou écrivez à "
        "international@ville.quebec.qc.ca.",
        "en": "The assistant is starting up or briefly unavailable. Your message has been "
        "kept: try again in a few seconds, or write to international@ville.quebec.qc.ca.",
    },
    "conversation_not_found": {
        "fr": "Cette conversation n'existe plus. Commencez-en une nouvelle.",
        "en": "This conversation no longer exists. Please start a new one.",
    },
    "invalid_payload": {
        "fr": "Ce choix n'est pas valide. Tapez votre question en toutes lettres.",
        "en": "That choice is not valid. Please type your question.",
    },
    "invalid_request": {
        "fr": "Requête invalide : le message doit contenir de 1 à 2000 caractères.",
        "en": "Invalid request: the message must be 1 to 2,000 characters long.",
    },
    "no_reply": {
        "fr": "Désolé, je n'ai pas pu traiter votre message. Reformulez-le, ou écrivez à "
        "international@ville.quebec.qc.ca.",
        "en": "Sorry, I could not process your message. Please rephrase it, or write to "
        "international@ville.quebec.qc.ca.",
    },
    "source": {"fr": "Source", "en": "Source"},
    "staff_joined": {
        "fr": "Une personne du Bureau des relations internationales s'est jointe à la conversation.",
        "en": "A staff member of the Bureau des relations internationales has joined the "
        "conversation.",
    },
    "back_to_bot": {
        "fr": "La conversation revient à l'assistant automatisé.",
        "en": "You are back with the automated assistant.",
    },
    "unclaimed": {
        "fr": "Personne du Bureau n'est disponible en ce moment. Votre demande {reference} est "
        "transmise : le Bureau vous répondra par courriel. Heures d'ouverture : {hours}.",
        "en": "Nobody at the Bureau is available right now. Your request {reference} has been "
        "passed on: the Bureau will answer you by email. Office hours: {hours}.",
    },
    "language_switched": {
        "fr": "D'accord, je continue en français. Quelle est votre question?",
        "en": "Sure, I'll continue in English. What is your question?",
    },
    "kb_clarify": {
        "fr": "Votre question peut correspondre à plusieurs sujets. Lequel vous intéresse?",
        "en": "Your question could match several topics. Which one do you mean?",
    },
    "kb_clarify_one": {
        "fr": "Je ne suis pas certain d'avoir bien compris. Parlez-vous de l'un de ces sujets?",
        "en": "I'm not sure I understood. Do you mean one of these topics?",
    },
    "kb_no_answer": {
        "fr": "Je n'ai pas de réponse sûre à cette question dans mes renseignements. Pourriez-vous "
        "la préciser? Vous pouvez aussi écrire directement au Bureau : "
        "international@ville.quebec.qc.ca.",
        "en": "I don't have a reliable answer to that question in my information. Could you make "
        "it more specific? You can also write to the Bureau directly: "
        "international@ville.quebec.qc.ca.",
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
    "kb_unavailable": {
        "fr": "Mes renseignements se chargent encore. Réessayez dans quelques secondes, ou écrivez "
        "à international@ville.quebec.qc.ca.",
        "en": "My information is still loading. Try again in a few seconds, or write to "
        "international@ville.quebec.qc.ca.",
    },
    "body.ville-de-quebec": {"fr": "Ville de Québec", "en": "Ville de Québec (City of Québec)"},
    "body.bureau": {
        "fr": "Bureau des relations internationales",
        "en": "Bureau des relations internationales",
    },
    "body.gouvernement-du-quebec": {"fr": "Gouvernement du Québec", "en": "Government of Québec"},
    "body.gouvernement-du-canada": {"fr": "Gouvernement du Canada", "en": "Government of Canada"},
    "body.agence-regionale": {
        "fr": "Agence de développement régional",
        "en": "Regional development agency",
    },
    "body.agence-touristique": {"fr": "Organisme touristique", "en": "Tourism organisation"},
    "body.etablissement": {"fr": "Établissement", "en": "Institution"},
    "body.autre": {"fr": "Organisme compétent", "en": "Competent body"},
    "page_title": {
        "fr": "Assistant international — Ville de Québec",
        "en": "International assistant — Québec City",
    },
}


def t(key: str, language: str | None) -> str:
    """The string in ``language`` (French when unknown)."""
    table = STRINGS[key]
    return table["en"] if language == "en" else table["fr"]


def both(key: str) -> str:
    """French then English, for messages sent before the visitor's language is known."""
    return f"{STRINGS[key]['fr']} / {STRINGS[key]['en']}"
