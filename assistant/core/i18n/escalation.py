"""The escalation form (``actions/escalation.py``): consent, questions, what each answer
needs, the confirmation and the case reference.

``ask.<slot>`` asks for a slot, ``need.<slot>`` says what a valid answer looks like,
``field.<slot>`` labels it in the confirmation, and ``choices.<slot>`` holds its button titles
separated by "|"."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "ask.audience": {
        "fr": "Merci. Qui êtes-vous? Choisissez ce qui vous décrit le mieux.",
        "en": "Thank you. Who are you? Choose what describes you best.",
    },
    "choices.audience": {
        "fr": "Investisseur ou entreprise|Talent : travail, études, immigration|Organisateur d'événement|Ville ou organisme partenaire|Médias|Autre",
        "en": "Investor or company|Talent: work, study, immigration|Event organiser|Partner city or organisation|Media|Other",
    },
    "ask.contact_name": {
        "fr": "Quel est votre nom?",
        "en": "What is your name?",
    },
    "ask.contact_email": {
        "fr": "À quelle adresse courriel le Bureau peut-il vous répondre?",
        "en": "At which email address can the Bureau answer you?",
    },
    "ask.organisation": {
        "fr": "Pour quelle organisation écrivez-vous? (facultatif)",
        "en": "Which organisation are you writing for? (optional)",
    },
    "choices.organisation": {
        "fr": "Passer",
        "en": "Skip",
    },
    "ask.country": {
        "fr": "De quel pays écrivez-vous? (facultatif)",
        "en": "Which country are you writing from? (optional)",
    },
    "choices.country": {
        "fr": "Passer",
        "en": "Skip",
    },
    "ask.sector": {
        "fr": "Dans quel secteur d'activité est votre projet?",
        "en": "Which business sector is your project in?",
    },
    "ask.project_stage": {
        "fr": "À quelle étape en est votre projet?",
        "en": "What stage is your project at?",
    },
    "choices.project_stage": {
        "fr": "Exploration|Choix du site|Prêt à s'implanter",
        "en": "Exploring|Choosing a location|Ready to set up",
    },
    "ask.event_dates": {
        "fr": "Quelles sont les dates (ou la période) envisagées pour l'événement?",
        "en": "What dates (or period) are you considering for the event?",
    },
    "ask.attendance": {
        "fr": "Combien de participants attendez-vous?",
        "en": "How many participants do you expect?",
    },
    "ask.field_of_work": {
        "fr": "Dans quel domaine travaillez-vous ou étudiez-vous?",
        "en": "What is your field of work or study?",
    },
    "ask.immigration_status": {
        "fr": "Quelle est votre situation actuelle?",
        "en": "What is your current situation?",
    },
    "choices.immigration_status": {
        "fr": "À l'étranger|Déjà au Canada|Étudiant",
        "en": "Abroad|Already in Canada|Student",
    },
    "ask.cooperation_kind": {
        "fr": "Quel type de coopération envisagez-vous? (entente, visite de délégation, échange d'expertise…)",
        "en": "What kind of cooperation do you have in mind? (agreement, delegation visit, sharing expertise…)",
    },
    "ask.summary": {
        "fr": "Décrivez votre demande en quelques phrases.",
        "en": "Please describe your request in a few sentences.",
    },
    "consent_notice": {
        "fr": "Avant de transmettre votre demande au Bureau des relations internationales de la "
        "Ville de Québec, je vais vous demander votre nom, votre courriel, votre organisation, "
        "votre pays et quelques détails. Ces renseignements servent uniquement à répondre à votre "
        "demande; seul le personnel du Bureau y a accès, et ils sont conservés au plus {period} "
        "(Loi sur l'accès aux documents des organismes publics et sur la protection des "
        "renseignements personnels). Vous pouvez corriger une réponse, passer les questions "
        "facultatives ou annuler à tout moment. Acceptez-vous?",
        "en": "Before I pass your request on to the Bureau des relations internationales of the "
        "Ville de Québec, I will ask for your name, email, organisation, country and a few "
        "details. They are used only to answer your request; only the Bureau's staff can see "
        "them, and they are kept for at most {period} (Québec's Act respecting access to "
        "documents held by public bodies and the protection of personal information). You can "
        "correct an answer, skip optional questions or cancel at any time. Do you agree?",
    },
    "consent_yes": {"fr": "J'accepte", "en": "I agree"},
    "consent_no": {"fr": "Je refuse", "en": "I decline"},
    "no_consent": {
        "fr": "C'est noté : je n'ai rien conservé. Vous pouvez écrire directement au Bureau à "
        "international@ville.quebec.qc.ca ou appeler le 418 641-6411.",
        "en": "Understood: I have kept nothing. You can write to the Bureau directly at "
        "international@ville.quebec.qc.ca or call +1 418 641-6411.",
    },
    "escalation_cancelled": {
        "fr": "Demande annulée : rien n'a été transmis ni conservé. Puis-je vous aider autrement?",
        "en": "Request cancelled: nothing was sent or kept. Can I help you with something else?",
    },
    "form_help": {
        "fr": "Je n'arrive pas à utiliser cette réponse. {need} Vous pouvez aussi arrêter ici.",
        "en": "I can't use that answer. {need} You can also stop here.",
    },
    "form_stop": {"fr": "Arrêter", "en": "Stop"},
    "need.consent": {
        "fr": "Répondez « oui » ou « non ».",
        "en": 'Please answer "yes" or "no".',
    },
    "need.audience": {
        "fr": "Choisissez l'un des boutons (investisseur, talent, organisateur, ville partenaire, "
        "médias, autre).",
        "en": "Choose one of the buttons (investor, talent, event organiser, partner city, media, "
        "other).",
    },
    "need.contact_name": {
        "fr": "J'ai besoin de votre nom (2 à 100 caractères).",
        "en": "I need your name (2 to 100 characters).",
    },
    "need.contact_email": {
        "fr": "J'ai besoin d'une adresse courriel valide, par exemple nom@exemple.com.",
        "en": "I need a valid email address, for example name@example.com.",
    },
    "need.summary": {
        "fr": "Décrivez votre demande en au moins quelques mots (10 à 2000 caractères).",
        "en": "Describe your request in at least a few words (10 to 2,000 characters).",
    },
    "need.text": {
        "fr": "Répondez en 300 caractères au plus.",
        "en": "Please answer in 300 characters or fewer.",
    },
    "need.escalation_confirmed": {
        "fr": "Choisissez « Envoyer » ou l'élément à corriger.",
        "en": 'Choose "Send" or the item to correct.',
    },
    "confirm_intro": {
        "fr": "Voici ce que je vais transmettre au Bureau :",
        "en": "Here is what I will send to the Bureau:",
    },
    "confirm_send": {"fr": "Envoyer", "en": "Send"},
    "confirm_edit": {"fr": "Corriger : {field}", "en": "Correct: {field}"},
    "case_created": {
        "fr": "Merci! Votre demande est transmise au Bureau des relations internationales sous la "
        "référence {reference}. Une personne du Bureau peut se joindre à cette conversation; "
        "sinon, le Bureau vous répondra par courriel à l'adresse indiquée.",
        "en": "Thank you! Your request has been sent to the Bureau des relations internationales "
        "under reference {reference}. A staff member may join this conversation; otherwise the "
        "Bureau will answer you by email at the address you gave.",
    },
    # over the escalation limits (assistant/chat/limits.py): no case is created
    "too_many_escalations": {
        "fr": "Plusieurs demandes ont déjà été transmises au Bureau depuis cette conversation ou "
        "votre connexion; celle-ci n'a pas été créée. Réessayez plus tard, ou écrivez à "
        "international@ville.quebec.qc.ca.",
        "en": "Several requests have already been sent to the Bureau from this conversation or "
        "your connection; this one was not created. Please try again later, or write to "
        "international@ville.quebec.qc.ca.",
    },
    "field.contact_name": {"fr": "Nom", "en": "Name"},
    "field.contact_email": {"fr": "Courriel", "en": "Email"},
    "field.organisation": {"fr": "Organisation", "en": "Organisation"},
    "field.country": {"fr": "Pays", "en": "Country"},
    "field.audience": {"fr": "Profil", "en": "Profile"},
    "field.summary": {"fr": "Demande", "en": "Request"},
    "field.sector": {"fr": "Secteur", "en": "Sector"},
    "field.project_stage": {"fr": "Étape du projet", "en": "Project stage"},
    "field.event_dates": {"fr": "Dates de l'événement", "en": "Event dates"},
    "field.attendance": {"fr": "Participants attendus", "en": "Expected attendance"},
    "field.field_of_work": {"fr": "Domaine de travail ou d'études", "en": "Field of work or study"},
    "field.immigration_status": {"fr": "Situation actuelle", "en": "Current situation"},
    "field.cooperation_kind": {"fr": "Type de coopération", "en": "Kind of cooperation"},
}
