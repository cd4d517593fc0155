"""The app's own visitor-facing strings, one table per language (Rasa holds the dialogue's)."""

from __future__ import annotations

from typing import Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

STRINGS: dict[str, dict[Language, str]] = {
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
    # escalation form questions; "choices.*" are button titles separated by "|"
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
        "demande; seul le personnel du Bureau y a accès, et ils sont conservés au plus {years} ans "
        "(Loi sur l'accès aux documents des organismes publics et sur la protection des "
        "renseignements personnels). Vous pouvez corriger une réponse, passer les questions "
        "facultatives ou annuler à tout moment. Acceptez-vous?",
        "en": "Before I pass your request on to the Bureau des relations internationales of the "
        "Ville de Québec, I will ask for your name, email, organisation, country and a few "
        "details. They are used only to answer your request; only the Bureau's staff can see "
        "them, and they are kept for at most {years} years (Québec's Act respecting access to "
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
    "kb_offer_escalation": {
        "fr": "Je n'ai toujours pas de réponse sûre. Voulez-vous que je transmette votre question "
        "à une personne du Bureau?",
        "en": "I still don't have a reliable answer. Would you like me to pass your question on to "
        "a person at the Bureau?",
    },
    "yes_transmit": {"fr": "Oui, transmettre", "en": "Yes, pass it on"},
    "no_thanks": {"fr": "Non merci", "en": "No thanks"},
    "field.contact_name": {"fr": "Nom", "en": "Name"},
    "field.contact_email": {"fr": "Courriel", "en": "Email"},
    "field.organisation": {"fr": "Organisation", "en": "Organisation"},
    "field.country": {"fr": "Pays", "en": "Country"},
    "field.audience": {"fr": "Profil", "en": "Profile"},
    "field.summary": {"fr": "Demande", "en": "Request"},
    "field.sector": {"fr": "Secteur", "en": "Sector"},
    "field.project_stage": {"fr": "Étape du projet", "en": "Project stage"},
    "field.event_dates": {"fr": "Dates de l'événement", "en": "Event dates"},
    "field.attendance": {"fr": "Participants", "en": "Attendance"},
    "field.field_of_work": {"fr": "Domaine", "en": "Field"},
    "field.immigration_status": {"fr": "Situation", "en": "Situation"},
    "field.cooperation_kind": {"fr": "Type de coopération", "en": "Kind of cooperation"},
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
    "greeting_reply": {"fr": "Bonjour!", "en": "Hello!"},
    "thanks_reply": {"fr": "Avec plaisir!", "en": "You're welcome!"},
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
    "escalation_declined": {
        "fr": "D'accord. Avez-vous une autre question?",
        "en": "All right. Do you have another question?",
    },
    "language_switched_short": {
        "fr": "D'accord, je continue en français.",
        "en": "Sure, I'll continue in English.",
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
    # --- Staff console (assistant/staff, /staff pages, /api/staff) --------------------------
    # error codes (assistant.web.errors maps them to HTTP statuses)
    "case_not_found": {
        "fr": "Ce dossier n'existe pas (ou n'a pas de conversation en direct).",
        "en": "This case does not exist (or has no live conversation).",
    },
    "case_already_claimed": {
        "fr": "Une autre personne a déjà pris ce dossier en charge.",
        "en": "Someone else has already claimed this case.",
    },
    "case_not_owned": {
        "fr": "Seule la personne qui a pris le dossier en charge peut faire cela.",
        "en": "Only the staff member who claimed the case can do this.",
    },
    "not_signed_in": {
        "fr": "Connectez-vous à la console du personnel.",
        "en": "Please sign in to the staff console.",
    },
    "invalid_credentials": {
        "fr": "Courriel ou mot de passe incorrect.",
        "en": "Wrong email or password.",
    },
    "login_throttled": {
        "fr": "Trop de tentatives de connexion échouées pour ce compte depuis cette adresse. "
        "Attendez quelques minutes avant de réessayer.",
        "en": "Too many failed sign-in attempts for this account from this address. Wait a few "
        "minutes before trying again.",
    },
    "csrf_rejected": {
        "fr": "Jeton de sécurité manquant ou invalide : rechargez la page et réessayez.",
        "en": "Missing or invalid security token: reload the page and try again.",
    },
    "role_forbidden": {
        "fr": "Votre rôle ne permet pas cette action.",
        "en": "Your role does not allow this.",
    },
    "staff_exists": {
        "fr": "Un compte existe déjà avec ce courriel.",
        "en": "An account with this email already exists.",
    },
    # account creation (python -m assistant.staff.create_admin)
    "staff.password_too_short": {
        "fr": "Mot de passe refusé : au moins 12 caractères.",
        "en": "Password refused: at least 12 characters.",
    },
    "staff.password_too_long": {
        "fr": "Mot de passe refusé : au plus 1024 caractères.",
        "en": "Password refused: at most 1,024 characters.",
    },
    "staff.password_mismatch": {
        "fr": "Les deux mots de passe ne correspondent pas.",
        "en": "The two passwords do not match.",
    },
    "staff.email_invalid": {
        "fr": "Courriel invalide.",
        "en": "Invalid email.",
    },
    "staff.name_invalid": {
        "fr": "Nom invalide : de 1 à 200 caractères.",
        "en": "Invalid name: 1 to 200 characters.",
    },
    "staff.admin_exists": {
        "fr": "Refusé : un compte existe déjà avec ce courriel. Rien n'a été modifié.",
        "en": "Refused: an account with this email already exists. Nothing was changed.",
    },
    "staff.admin_created": {
        "fr": "Compte administrateur créé (n° {id}).",
        "en": "Administrator account created (no. {id}).",
    },
    # layout and sign-in
    "staff.console": {
        "fr": "Console du personnel — Relations internationales",
        "en": "Staff console — International relations",
    },
    "staff.skip": {"fr": "Passer au contenu", "en": "Skip to content"},
    "staff.account_nav": {"fr": "Compte et langue", "en": "Account and language"},
    "staff.sign_in": {"fr": "Connexion", "en": "Sign in"},
    "staff.sign_in_intro": {
        "fr": "Réservé au personnel du Bureau des relations internationales.",
        "en": "For the staff of the Bureau des relations internationales only.",
    },
    "staff.email": {"fr": "Courriel", "en": "Email"},
    "staff.password": {"fr": "Mot de passe", "en": "Password"},
    "staff.sign_in_button": {"fr": "Se connecter", "en": "Sign in"},
    "staff.sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "staff.error_title": {"fr": "Action impossible", "en": "Cannot do this"},
    "staff.back_to_queue": {"fr": "Retour à la file", "en": "Back to the queue"},
    # the queue
    "staff.queue_title": {"fr": "Demandes en attente", "en": "Open cases"},
    "staff.queue_caption": {
        "fr": "Demandes ouvertes, de la plus ancienne à la plus récente",
        "en": "Open cases, oldest first",
    },
    "staff.queue_empty": {"fr": "Aucune demande en attente.", "en": "No open cases."},
    "staff.dead_letters": {
        "fr": "Courriels non distribués : {count}. Vérifiez le relais SMTP et les adresses.",
        "en": "Undelivered emails: {count}. Check the SMTP relay and the addresses.",
    },
    "staff.auto_refresh": {
        "fr": "La liste se met à jour toutes les 10 secondes.",
        "en": "The list refreshes every 10 seconds.",
    },
    "staff.new_cases": {
        "fr": "Nouveaux dossiers depuis votre arrivée sur la page : {count}",
        "en": "New cases since you opened this page: {count}",
    },
    "staff.refresh_failed": {
        "fr": "Mise à jour impossible pour l'instant; nouvel essai dans 10 secondes.",
        "en": "Could not refresh just now; trying again in 10 seconds.",
    },
    "staff.col.reference": {"fr": "Référence", "en": "Reference"},
    "staff.col.age": {"fr": "Reçue", "en": "Received"},
    "staff.col.audience": {"fr": "Public", "en": "Audience"},
    "staff.col.language": {"fr": "Langue", "en": "Language"},
    "staff.col.status": {"fr": "Statut", "en": "Status"},
    "staff.col.reason": {"fr": "Motif", "en": "Reason"},
    "staff.col.visitor": {"fr": "Visiteur", "en": "Visitor"},
    "staff.col.summary": {"fr": "Résumé", "en": "Summary"},
    "staff.age.now": {"fr": "à l'instant", "en": "just now"},
    "staff.age.minutes": {"fr": "il y a {n} min", "en": "{n} min ago"},
    "staff.age.hours": {"fr": "il y a {n} h", "en": "{n} h ago"},
    "staff.age.days": {"fr": "il y a {n} j", "en": "{n} d ago"},
    "staff.status.new": {"fr": "Nouvelle", "en": "New"},
    "staff.status.claimed": {"fr": "Prise en charge", "en": "Claimed"},
    "staff.status.email": {"fr": "Suivi par courriel", "en": "Continues by email"},
    "staff.status.closed": {"fr": "Fermée", "en": "Closed"},
    "staff.language.fr": {"fr": "Français", "en": "French"},
    "staff.language.en": {"fr": "Anglais", "en": "English"},
    # a case
    "staff.case_title": {"fr": "Demande {reference}", "en": "Case {reference}"},
    "staff.claimed_by": {"fr": "prise en charge par {name}", "en": "claimed by {name}"},
    "staff.owned_by_other": {
        "fr": "{name} a pris ce dossier en charge : seule cette personne peut répondre, rendre "
        "la conversation à l'assistant ou fermer le dossier.",
        "en": "{name} has claimed this case: only they can reply, hand the conversation back "
        "or close the case.",
    },
    "staff.conversation.bot": {
        "fr": "conversation avec l'assistant",
        "en": "conversation with the assistant",
    },
    "staff.conversation.handoff": {
        "fr": "conversation avec le personnel (l'assistant se tait)",
        "en": "conversation with staff (the assistant is silent)",
    },
    "staff.conversation.closed": {"fr": "conversation terminée", "en": "conversation ended"},
    "staff.conversation.other": {"fr": "conversation", "en": "conversation"},
    "staff.brief": {"fr": "Fiche", "en": "Brief"},
    "staff.actions": {"fr": "Actions", "en": "Actions"},
    "staff.claim": {"fr": "Prendre en charge", "en": "Claim"},
    "staff.claim_hint": {
        "fr": "Le visiteur est prévenu et l'assistant se tait tant que vous avez la main.",
        "en": "The visitor is told, and the assistant stays silent while you have the case.",
    },
    "staff.reply_label": {
        "fr": "Message au visiteur (dans son clavardage)",
        "en": "Message to the visitor (in their chat)",
    },
    "staff.reply": {"fr": "Envoyer", "en": "Send"},
    "staff.hand_back": {"fr": "Rendre à l'assistant", "en": "Hand back to the assistant"},
    "staff.resolution_label": {"fr": "Résolution", "en": "Resolution"},
    "staff.close": {"fr": "Fermer le dossier", "en": "Close the case"},
    "staff.closed_with": {"fr": "Dossier fermé. Résolution :", "en": "Case closed. Resolution:"},
    "staff.transcript": {"fr": "Conversation", "en": "Transcript"},
    "staff.no_transcript": {
        "fr": "Aucune conversation liée à ce dossier.",
        "en": "No conversation is linked to this case.",
    },
    "staff.sender.visitor": {"fr": "Visiteur", "en": "Visitor"},
    "staff.sender.bot": {"fr": "Assistant", "en": "Assistant"},
    "staff.sender.staff": {"fr": "Personnel du Bureau", "en": "Bureau staff"},
    "staff.sender.system": {"fr": "Système", "en": "System"},
    "staff.notes": {"fr": "Notes internes", "en": "Internal notes"},
    "staff.no_notes": {"fr": "Aucune note.", "en": "No notes."},
    "staff.note_label": {
        "fr": "Nouvelle note (jamais montrée au visiteur)",
        "en": "New note (never shown to the visitor)",
    },
    "staff.add_note": {"fr": "Ajouter la note", "en": "Add the note"},
    "staff.text_invalid": {
        "fr": "Le texte doit contenir de 1 à 4000 caractères.",
        "en": "The text must be 1 to 4,000 characters long.",
    },
    "staff.notice.claimed": {
        "fr": "Dossier pris en charge : le visiteur est prévenu et l'assistant se tait.",
        "en": "Case claimed: the visitor has been told and the assistant is silent.",
    },
    "staff.notice.replied": {"fr": "Message envoyé au visiteur.", "en": "Message sent."},
    "staff.notice.handed_back": {
        "fr": "La conversation est rendue à l'assistant.",
        "en": "The conversation is back with the assistant.",
    },
    "staff.notice.closed": {"fr": "Dossier fermé.", "en": "Case closed."},
    "staff.notice.noted": {"fr": "Note ajoutée.", "en": "Note added."},
    # --- review inbox (assistant/inbox, /staff/inbox) ---------------------------------------
    "inbox_items_not_found": {
        "fr": "Ces questions ne sont plus dans la boîte de révision.",
        "en": "These questions are no longer in the review inbox.",
    },
    "staff.inbox.title": {"fr": "Boîte de révision", "en": "Review inbox"},
    "staff.inbox.nav": {"fr": "Questions à revoir", "en": "Review inbox"},
    "staff.inbox.intro": {
        "fr": "Les questions auxquelles l'assistant n'a pas su bien répondre : sans réponse, "
        "clarification demandée, hors sujet mais proches d'une fiche, réponse jugée 👎, ou "
        "transmises au Bureau. Les questions semblables sont regroupées. Courriels, numéros de "
        "téléphone, codes postaux et noms sont masqués.",
        "en": "Questions the assistant could not answer well: no answer, a clarification, off "
        "topic but close to an entry, an answer voted 👎, or passed on to the Bureau. Similar "
        "questions are grouped. Emails, phone numbers, postal codes and names are masked.",
    },
    "staff.inbox.not_grouped": {
        "fr": "Le modèle de similarité se charge : les questions ne sont pas encore regroupées.",
        "en": "The similarity model is loading: questions are not grouped yet.",
    },
    "staff.inbox.read_only": {
        "fr": "Lecture seule : seuls les rôles rédaction et administration peuvent agir ici.",
        "en": "Read only: only editors and administrators can act here.",
    },
    "staff.inbox.groups": {"fr": "Groupes de questions", "en": "Question groups"},
    "staff.inbox.occurrences": {"fr": "{n} occurrence(s)", "en": "{n} occurrence(s)"},
    "staff.inbox.size": {"fr": "{n} formulations", "en": "{n} wordings"},
    "staff.inbox.wordings": {
        "fr": "Voir les {n} formulations du groupe",
        "en": "Show the group's {n} wordings",
    },
    "staff.inbox.closest": {"fr": "Fiches les plus proches", "en": "Closest entries"},
    "staff.inbox.similarity": {"fr": "similarité {score}", "en": "similarity {score}"},
    "staff.inbox.involved": {"fr": "proposée par l'assistant", "en": "offered by the assistant"},
    "staff.inbox.no_entries": {
        "fr": "Aucune fiche proche : créez-en une.",
        "en": "No close entry: create one.",
    },
    "staff.inbox.add_phrasing": {"fr": "Ajouter comme formulation", "en": "Add as a phrasing"},
    "staff.inbox.other_entry": {"fr": "Autre fiche :", "en": "Another entry:"},
    "staff.inbox.choose": {"fr": "Choisir", "en": "Choose"},
    "staff.inbox.draft": {"fr": "Créer une fiche brouillon", "en": "Draft a new entry"},
    "staff.inbox.dismiss": {"fr": "Écarter", "en": "Dismiss"},
    "staff.inbox.empty": {
        "fr": "Rien à revoir : l'assistant a répondu à toutes les questions récentes.",
        "en": "Nothing to review: the assistant answered every recent question.",
    },
    "staff.inbox.dismiss_rule": {
        "fr": "Un groupe écarté ou traité quitte la boîte; il n'y revient que si l'une de ses "
        "questions est posée de nouveau.",
        "en": "A dismissed or handled group leaves the inbox; it comes back only if one of its "
        "questions is asked again.",
    },
    "staff.inbox.back": {"fr": "Retour à la boîte de révision", "en": "Back to the review inbox"},
    "staff.inbox.phrasing_title": {"fr": "Ajouter une formulation", "en": "Add a phrasing"},
    "staff.inbox.phrasing_intro": {
        "fr": "Cette question deviendra une formulation ({language}) de la fiche « {entry} », "
        "publiée aussitôt : l'assistant y répondra avec cette fiche.",
        "en": "This question becomes a phrasing ({language}) of the entry “{entry}”, published "
        "at once: the assistant will answer it with this entry.",
    },
    "staff.inbox.phrasing_label": {
        "fr": "Question (vous pouvez la corriger)",
        "en": "Question (you may correct it)",
    },
    "staff.inbox.phrasing_hint": {
        "fr": "Les données personnelles restent masquées, même si vous les retapez.",
        "en": "Personal data stays masked, even if you type it again.",
    },
    "staff.inbox.confirm": {"fr": "Confirmer", "en": "Confirm"},
    "staff.inbox.cancel": {"fr": "Annuler", "en": "Cancel"},
    "staff.inbox.current_phrasings": {
        "fr": "Formulations actuelles de la fiche",
        "en": "The entry's current phrasings",
    },
    "staff.inbox.open_entry": {"fr": "Ouvrir la fiche dans l'éditeur", "en": "Open the entry"},
    "staff.inbox.notice.phrased": {
        "fr": "Formulation ajoutée à la fiche {entry} et publiée.",
        "en": "Phrasing added to the entry {entry} and published.",
    },
    "staff.inbox.notice.already_present": {
        "fr": "La fiche {entry} avait déjà cette formulation; le groupe est traité.",
        "en": "The entry {entry} already had this phrasing; the group is handled.",
    },
    "staff.inbox.notice.dismissed": {
        "fr": "Groupe écarté de la boîte de révision.",
        "en": "Group dismissed from the review inbox.",
    },
    "staff.inbox.error.items_not_found": {
        "fr": "Ces questions ne sont plus dans la boîte de révision.",
        "en": "These questions are no longer in the review inbox.",
    },
    "staff.inbox.error.entry_not_found": {
        "fr": "Cette fiche n'est pas (ou plus) publiée.",
        "en": "This entry is not (or no longer) published.",
    },
    "staff.inbox.error.cannot_add": {
        "fr": "La fiche n'a pas pu être modifiée (par exemple, elle n'existe pas dans cette "
        "langue). Ouvrez-la dans l'éditeur.",
        "en": "The entry could not be changed (for example, it has no content in that "
        "language). Open it in the editor.",
    },
    "staff.inbox.reason.no_answer": {"fr": "Sans réponse", "en": "No answer"},
    "staff.inbox.reason.clarify": {"fr": "Clarification demandée", "en": "Clarification"},
    "staff.inbox.reason.out_of_scope": {
        "fr": "Hors sujet mais proche d'une fiche",
        "en": "Off topic but close to an entry",
    },
    "staff.inbox.reason.thumbs_down": {"fr": "Réponse jugée 👎", "en": "Answer voted 👎"},
    "staff.inbox.reason.escalated": {"fr": "Transmise au Bureau", "en": "Passed to the Bureau"},
    # --- Knowledge-base editor (assistant/kb/store.py, /staff/kb, /api/staff/kb) ------------
    "kb_edit_error": {
        "fr": "Modification de la base de connaissances refusée.",
        "en": "Knowledge base change refused.",
    },
    "kb_entry_not_found": {
        "fr": "Cette fiche n'existe pas (ou n'est pas publiée).",
        "en": "This entry does not exist (or is not published).",
    },
    "kb_entry_exists": {
        "fr": "Une fiche porte déjà cet identifiant.",
        "en": "An entry with this id already exists.",
    },
    "kb_duplicate_question": {
        "fr": "Cette formulation existe déjà dans la fiche.",
        "en": "The entry already has this phrasing.",
    },
    "kb_draft_invalid": {
        "fr": "La fiche n'est pas complète ou contient une erreur : corrigez les champs signalés.",
        "en": "The entry is incomplete or has an error: fix the fields listed.",
    },
    "kb_parity_required": {
        "fr": "Publication refusée : la fiche doit exister en français et en anglais, ou être "
        "marquée « une seule langue ».",
        "en": "Publishing refused: the entry needs both French and English, or must be marked "
        "one-language.",
    },
    "kb_version_not_found": {
        "fr": "Cette version de la fiche n'existe pas.",
        "en": "This version of the entry does not exist.",
    },
    "kb_no_draft": {
        "fr": "Cette fiche n'a pas de brouillon.",
        "en": "This entry has no draft.",
    },
    "staff.kb.sections_nav": {"fr": "Sections de la console", "en": "Console sections"},
    "staff.kb.title": {"fr": "Base de connaissances", "en": "Knowledge base"},
    "staff.kb.overdue_banner": {
        "fr": "{count} fiche(s) publiée(s) ont dépassé leur date de révision.",
        "en": "{count} published entry(ies) are past their review date.",
    },
    "staff.kb.caption": {"fr": "{shown} fiche(s) sur {total}", "en": "{shown} of {total} entries"},
    "staff.kb.empty": {"fr": "Aucune fiche.", "en": "No entries."},
    "staff.kb.filter.search": {"fr": "Rechercher", "en": "Search"},
    "staff.kb.filter.all": {"fr": "Toutes", "en": "All"},
    "staff.kb.filter.apply": {"fr": "Filtrer", "en": "Filter"},
    "staff.kb.col.entry": {"fr": "Fiche", "en": "Entry"},
    "staff.kb.col.title_fr": {"fr": "Titre (français)", "en": "Title (French)"},
    "staff.kb.col.title_en": {"fr": "Titre (anglais)", "en": "Title (English)"},
    "staff.kb.col.status": {"fr": "État", "en": "Status"},
    "staff.kb.col.review": {"fr": "Révision", "en": "Review"},
    "staff.kb.col.version": {"fr": "Version", "en": "Version"},
    "staff.kb.col.when": {"fr": "Date", "en": "When"},
    "staff.kb.col.who": {"fr": "Par", "en": "By"},
    "staff.kb.col.action": {"fr": "Action", "en": "Action"},
    "staff.kb.status.published": {"fr": "Publiée", "en": "Published"},
    "staff.kb.status.draft": {"fr": "Brouillon", "en": "Draft"},
    "staff.kb.status.retired": {"fr": "Retirée", "en": "Retired"},
    "staff.kb.review.overdue": {"fr": "Révision en retard", "en": "Review overdue"},
    "staff.kb.review.soon": {"fr": "À réviser bientôt", "en": "Review soon"},
    "staff.kb.has_draft": {"fr": "Brouillon en cours", "en": "Draft pending"},
    "staff.kb.topic.bureau": {"fr": "Le Bureau", "en": "The Bureau"},
    "staff.kb.topic.investment": {"fr": "Investissement", "en": "Investment"},
    "staff.kb.topic.talent": {"fr": "Talents", "en": "Talent"},
    "staff.kb.topic.events": {"fr": "Événements", "en": "Events"},
    "staff.kb.topic.city-to-city": {"fr": "Coopération entre villes", "en": "City-to-city"},
    "staff.kb.topic.city": {"fr": "La ville", "en": "The city"},
    "staff.kb.audience.investor": {"fr": "Investisseurs", "en": "Investors"},
    "staff.kb.audience.talent": {"fr": "Talents", "en": "Talent"},
    "staff.kb.audience.event_organizer": {
        "fr": "Organisateurs d'événements",
        "en": "Event organisers",
    },
    "staff.kb.audience.partner_city": {"fr": "Villes partenaires", "en": "Partner cities"},
    "staff.kb.audience.general": {"fr": "Grand public", "en": "General public"},
    "staff.kb.new": {"fr": "Nouvelle fiche", "en": "New entry"},
    "staff.kb.create": {"fr": "Créer le brouillon", "en": "Create the draft"},
    "staff.kb.back": {
        "fr": "Retour à la base de connaissances",
        "en": "Back to the knowledge base",
    },
    "staff.kb.back_to_entry": {"fr": "Retour à la fiche", "en": "Back to the entry"},
    "staff.kb.history": {"fr": "Historique", "en": "History"},
    "staff.kb.entry_title": {"fr": "Fiche {id}", "en": "Entry {id}"},
    "staff.kb.history_title": {"fr": "Historique de {id}", "en": "History of {id}"},
    "staff.kb.current_version": {
        "fr": "version publiée : v{version}",
        "en": "published version: v{version}",
    },
    "staff.kb.not_publishable": {
        "fr": "Le brouillon ne peut pas encore être publié :",
        "en": "The draft cannot be published yet:",
    },
    "staff.kb.common": {"fr": "Commun aux deux langues", "en": "Common to both languages"},
    "staff.kb.field.id": {"fr": "Identifiant", "en": "Id"},
    "staff.kb.field.topic": {"fr": "Thème", "en": "Topic"},
    "staff.kb.field.title": {"fr": "Titre", "en": "Title"},
    "staff.kb.field.answer": {"fr": "Réponse", "en": "Answer"},
    "staff.kb.field.questions": {
        "fr": "Formulations de la question (une par ligne)",
        "en": "Question phrasings (one per line)",
    },
    "staff.kb.field.language": {"fr": "Langue", "en": "Language"},
    "staff.kb.field.languages": {"fr": "Langues", "en": "Languages"},
    "staff.kb.field.competent_body": {"fr": "Organisme compétent", "en": "Competent body"},
    "staff.kb.field.audiences": {"fr": "Publics", "en": "Audiences"},
    "staff.kb.field.escalate": {
        "fr": "Après la réponse, proposer de transmettre la demande au Bureau",
        "en": "After answering, offer to pass the inquiry to the Bureau",
    },
    "staff.kb.field.last_verified": {"fr": "Vérifiée le", "en": "Last verified"},
    "staff.kb.field.review_by": {
        "fr": "À réviser avant le (défaut : un an après la vérification)",
        "en": "Review by (default: one year after verification)",
    },
    "staff.kb.field.sources": {
        "fr": "Sources (une URL par ligne)",
        "en": "Sources (one URL per line)",
    },
    "staff.kb.languages.both": {"fr": "Français et anglais", "en": "French and English"},
    "staff.kb.languages.fr_only": {
        "fr": "Français seulement (fiche d'une seule langue)",
        "en": "French only (one-language entry)",
    },
    "staff.kb.languages.en_only": {
        "fr": "Anglais seulement (fiche d'une seule langue)",
        "en": "English only (one-language entry)",
    },
    "staff.kb.preview": {"fr": "Aperçu", "en": "Preview"},
    "staff.kb.preview_hint": {
        "fr": "Tapez une question de visiteur : vous verrez ce que l'assistant répondrait avec "
        "ce brouillon (le formulaire est enregistré comme brouillon, rien n'est publié).",
        "en": "Type a visitor's question to see what the assistant would answer with this draft "
        "(the form is saved as the draft; nothing is published).",
    },
    "staff.kb.preview_question": {"fr": "Question du visiteur", "en": "Visitor's question"},
    "staff.kb.preview_button": {"fr": "Voir la réponse", "en": "Preview the answer"},
    "staff.kb.preview_empty": {
        "fr": "Tapez une question pour voir l'aperçu.",
        "en": "Type a question to see the preview.",
    },
    "staff.kb.preview_outcome.answer": {
        "fr": "L'assistant répondrait :",
        "en": "The assistant would answer:",
    },
    "staff.kb.preview_outcome.clarify": {
        "fr": "L'assistant demanderait de préciser entre :",
        "en": "The assistant would ask the visitor to choose between:",
    },
    "staff.kb.preview_outcome.none": {
        "fr": "L'assistant n'aurait pas de réponse sûre :",
        "en": "The assistant would have no confident answer:",
    },
    "staff.kb.preview_by_draft": {"fr": "avec ce brouillon", "en": "with this draft"},
    "staff.kb.draft_word": {"fr": "brouillon", "en": "draft"},
    "staff.kb.comment": {"fr": "Commentaire (facultatif)", "en": "Comment (optional)"},
    "staff.kb.save_draft": {"fr": "Enregistrer le brouillon", "en": "Save draft"},
    "staff.kb.publish": {"fr": "Publier", "en": "Publish"},
    "staff.kb.discard": {"fr": "Abandonner le brouillon", "en": "Discard the draft"},
    "staff.kb.retire": {"fr": "Retirer la fiche", "en": "Retire the entry"},
    "staff.kb.read_only": {
        "fr": "Lecture seule : seuls les rôles rédaction et administration modifient la base.",
        "en": "Read only: only editors and administrators change the knowledge base.",
    },
    "staff.kb.versions": {"fr": "Versions", "en": "Versions"},
    "staff.kb.no_versions": {"fr": "Jamais publiée.", "en": "Never published."},
    "staff.kb.live": {"fr": "en ligne", "en": "live"},
    "staff.kb.system": {"fr": "Système (import)", "en": "System (import)"},
    "staff.kb.rollback": {"fr": "Republier v{version}", "en": "Roll back to v{version}"},
    "staff.kb.diff": {
        "fr": "Différences entre deux versions",
        "en": "Differences between versions",
    },
    "staff.kb.diff_from": {"fr": "De", "en": "From"},
    "staff.kb.diff_to": {"fr": "À", "en": "To"},
    "staff.kb.compare": {"fr": "Comparer", "en": "Compare"},
    "staff.kb.no_changes": {"fr": "Aucune différence.", "en": "No differences."},
    "staff.kb.reordered": {"fr": "Ordre modifié.", "en": "Order changed."},
    "staff.kb.audit": {"fr": "Journal des modifications", "en": "Audit log"},
    "staff.kb.action.import": {"fr": "Importée des fichiers kb/", "en": "Imported from kb/ files"},
    "staff.kb.action.create_draft": {"fr": "Brouillon créé", "en": "Draft created"},
    "staff.kb.action.save_draft": {"fr": "Brouillon enregistré", "en": "Draft saved"},
    "staff.kb.action.discard_draft": {"fr": "Brouillon abandonné", "en": "Draft discarded"},
    "staff.kb.action.publish": {"fr": "Publiée", "en": "Published"},
    "staff.kb.action.add_question": {"fr": "Formulation ajoutée", "en": "Phrasing added"},
    "staff.kb.action.rollback": {"fr": "Version republiée", "en": "Rolled back"},
    "staff.kb.action.retire": {"fr": "Retirée", "en": "Retired"},
    "staff.kb.notice.created": {"fr": "Brouillon créé.", "en": "Draft created."},
    "staff.kb.notice.saved": {"fr": "Brouillon enregistré.", "en": "Draft saved."},
    "staff.kb.notice.published": {
        "fr": "Publiée : les visiteurs reçoivent cette version dès maintenant.",
        "en": "Published: visitors get this version from now on.",
    },
    "staff.kb.notice.discarded": {"fr": "Brouillon abandonné.", "en": "Draft discarded."},
    "staff.kb.notice.retired": {
        "fr": "Fiche retirée : l'assistant ne l'utilise plus.",
        "en": "Entry retired: the assistant no longer uses it.",
    },
    "staff.kb.notice.rolled_back": {
        "fr": "Version republiée : les visiteurs la reçoivent dès maintenant.",
        "en": "Version published again: visitors get it from now on.",
    },
}


def t(key: str, language: str | None) -> str:
    """The string in ``language`` (French when unknown); a generic error for unknown keys."""
    table = STRINGS.get(key) or STRINGS["error"]
    return table["en"] if language == "en" else table["fr"]


def colon(language: str | None) -> str:
    """Between a label and its value: French typography puts a space before the colon."""
    return ": " if language == "en" else " : "


def both(key: str) -> str:
    """French then English, for messages sent before the visitor's language is known."""
    return f"{t(key, 'fr')} / {t(key, 'en')}"
