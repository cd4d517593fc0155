"""The chat API and page: errors a visitor's message can meet, the page title, and the
notices of a live handoff (a staff member joins or leaves the conversation, nobody is free)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "error": {
        "fr": "La demande n'a pas pu être traitée.",
        "en": "The request could not be processed.",
    },
    "assistant_unavailable": {
        "fr": "L'assistant démarre ou est momentanément indisponible. Votre message est "
        "conservé : réessayez dans quelques secondes, ou écrivez à "
        "international@ville.quebec.qc.ca.",
        "en": "The assistant is starting up or briefly unavailable. Your message has been "
        "kept: try again in a few seconds, or write to international@ville.quebec.qc.ca.",
    },
    "body_too_large": {
        "fr": "Requête trop volumineuse : raccourcissez votre message.",
        "en": "Request too large: please shorten your message.",
    },
    "conflict": {
        "fr": "Cette modification entre en conflit avec une autre faite au même moment. "
        "Rechargez la page et réessayez.",
        "en": "This change conflicts with another one made at the same time. Reload the page "
        "and try again.",
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
    # abuse limits (assistant/chat/limits.py): 429, the widget keeps the text and offers a retry
    "rate_limited": {
        "fr": "Trop de demandes en peu de temps. Réessayez un peu plus tard.",
        "en": "Too many requests in a short time. Please try again a little later.",
    },
    "too_many_messages": {
        "fr": "Vous avez envoyé beaucoup de messages en peu de temps. Votre message n'est pas "
        "perdu : attendez un moment, puis réessayez.",
        "en": "You have sent many messages in a short time. Your message is not lost: wait a "
        "moment, then try again.",
    },
    "too_many_conversations": {
        "fr": "Trop de conversations ont été commencées depuis votre connexion. Réessayez plus "
        "tard, ou écrivez à international@ville.quebec.qc.ca.",
        "en": "Too many conversations have been started from your connection. Please try again "
        "later, or write to international@ville.quebec.qc.ca.",
    },
    "too_many_streams": {
        "fr": "Trop de connexions en direct à cette conversation. Réessayez dans un moment.",
        "en": "Too many live connections to this conversation. Please try again in a moment.",
    },
    "no_reply": {
        "fr": "Désolé, je n'ai pas pu traiter votre message. Reformulez-le, ou écrivez à "
        "international@ville.quebec.qc.ca.",
        "en": "Sorry, I could not process your message. Please rephrase it, or write to "
        "international@ville.quebec.qc.ca.",
    },
    "page_title": {
        "fr": "Assistant international — Ville de Québec",
        "en": "International assistant — Québec City",
    },
    # live handoff (assistant/cases): told to the visitor in the chat
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
}
