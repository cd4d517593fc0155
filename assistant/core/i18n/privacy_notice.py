"""The public privacy notice (``/confidentialite``, ``/privacy``; ``assistant/privacy/notice.py``)
and the link to it in the consent step."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "privacy.page.title": {
        "fr": "Politique de confidentialité de l'assistant international",
        "en": "Privacy notice of the international assistant",
    },
    "privacy.page.lead": {
        "fr": "L'assistant du Bureau des relations internationales de la Ville de Québec répond "
        "à vos questions et, si vous le demandez, transmet votre demande au Bureau. La Ville de "
        "Québec est un organisme public soumis à la Loi sur l'accès aux documents des organismes "
        "publics et sur la protection des renseignements personnels.",
        "en": "The assistant of the Bureau des relations internationales of the Ville de Québec "
        "answers your questions and, if you ask, passes your request on to the Bureau. The Ville "
        "de Québec is a public body under Québec's Act respecting access to documents held by "
        "public bodies and the protection of personal information.",
    },
    "privacy.page.officer": {
        "fr": "Responsable de la protection des renseignements personnels",
        "en": "Person in charge of the protection of personal information",
    },
    "privacy.page.officer_text": {
        "fr": "{name}, Ville de Québec — {email}",
        "en": "{name}, Ville de Québec — {email}",
    },
    "privacy.page.collected": {"fr": "Ce que nous recueillons", "en": "What we collect"},
    "privacy.page.collected_text": {
        "fr": "Les messages que vous écrivez à l'assistant. Seulement si vous demandez à joindre "
        "le Bureau et y consentez : votre nom, votre courriel, votre organisation, votre pays et "
        "les détails de votre demande. N'inscrivez pas de renseignements sensibles. Votre "
        "navigateur ne garde que l'identifiant de la conversation, pendant 24 heures.",
        "en": "The messages you write to the assistant. Only if you ask to reach the Bureau and "
        "consent: your name, email, organisation, country and the details of your request. "
        "Please do not write sensitive information. Your browser keeps only the conversation's "
        "identifier, for 24 hours.",
    },
    "privacy.page.purposes": {"fr": "Pourquoi", "en": "Why"},
    "privacy.page.purposes_text": {
        "fr": "Répondre à vos questions; transmettre votre demande au Bureau et vous répondre; "
        "améliorer les réponses de l'assistant à partir des questions restées sans réponse "
        "(courriels, téléphones, codes postaux et noms y sont masqués). Aucune autre fin, aucune "
        "publicité, aucun profilage.",
        "en": "To answer your questions; to pass your request on to the Bureau and answer you; "
        "to improve the assistant's answers from the questions it could not answer (emails, "
        "phone numbers, postal codes and names are masked there). No other purpose, no "
        "advertising, no profiling.",
    },
    "privacy.page.recipients": {"fr": "Qui les reçoit", "en": "Who receives them"},
    "privacy.page.recipients_text": {
        "fr": "Seul le personnel du Bureau des relations internationales y a accès, et chaque "
        "consultation d'un dossier est journalisée. Votre demande est envoyée par courriel à "
        "l'adresse du Bureau ({bureau}). Rien n'est vendu ni communiqué à des tiers, sauf si la "
        "loi l'exige.",
        "en": "Only the staff of the Bureau des relations internationales can see them, and "
        "every view of a case is logged. Your request is emailed to the Bureau's address "
        "({bureau}). Nothing is sold or disclosed to third parties unless the law requires it.",
    },
    "privacy.page.periods": {"fr": "Combien de temps", "en": "How long"},
    "privacy.period.cases": {
        "fr": "Votre demande au Bureau (dossier, notes, courriels) : {period}.",
        "en": "Your request to the Bureau (case, notes, emails): {period}.",
    },
    "privacy.period.conversations": {
        "fr": "Une conversation qui n'a pas mené à une demande : {period} après le dernier "
        "message.",
        "en": "A conversation that did not lead to a request: {period} after its last message.",
    },
    "privacy.period.inbox": {
        "fr": "Les questions restées sans réponse, masquées, pour améliorer l'assistant : "
        "{period}.",
        "en": "Questions the assistant could not answer, masked, to improve it: {period}.",
    },
    "privacy.period.logs": {
        "fr": "Les journaux techniques (sans contenu de message ni renseignement personnel) : "
        "{period}.",
        "en": "Technical logs (no message text, no personal information): {period}.",
    },
    "privacy.period.purge": {
        "fr": "Passé ces délais, tout est supprimé automatiquement chaque jour.",
        "en": "After these periods everything is deleted automatically, every day.",
    },
    "privacy.page.rights": {"fr": "Vos droits", "en": "Your rights"},
    "privacy.page.rights_text": {
        "fr": "Vous pouvez demander l'accès aux renseignements que nous détenons sur vous, leur "
        "rectification ou leur suppression, et retirer votre consentement. Écrivez à {email} en "
        "indiquant la référence de votre demande (BRI-…) ou l'adresse courriel utilisée; nous "
        "répondons dans les 30 jours. Vous pouvez aussi vous adresser à la Commission d'accès à "
        "l'information du Québec (www.cai.gouv.qc.ca).",
        "en": "You may ask for access to the information we hold about you, its correction or "
        "its deletion, and withdraw your consent. Write to {email} with your request's "
        "reference (BRI-…) or the email address you used; we answer within 30 days. You may "
        "also contact Québec's Commission d'accès à l'information (www.cai.gouv.qc.ca).",
    },
    "privacy.page.back": {"fr": "Retour à l'assistant", "en": "Back to the assistant"},
    "privacy.duration.days": {"fr": "{count} jours", "en": "{count} days"},
    "privacy.duration.day": {"fr": "{count} jour", "en": "{count} day"},
    "privacy.duration.years": {"fr": "{count} ans", "en": "{count} years"},
    "privacy.duration.year": {"fr": "{count} an", "en": "{count} year"},
    "privacy.consent_link": {
        "fr": "Durées de conservation, vos droits et la personne responsable : {url}",
        "en": "Retention periods, your rights and the person in charge: {url}",
    },
}
