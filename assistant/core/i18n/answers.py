"""Knowledge-base answers in the chat: clarification, no answer, the source line, and the
names of the competent bodies an answer sends visitors to (``body.<competent_body>``)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "source": {"fr": "Source", "en": "Source"},
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
}
