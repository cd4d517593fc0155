"""The staff console (``assistant/staff``, ``/staff`` pages, ``/api/staff``): its error codes,
account creation, sign-in, the queue and a case."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
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
        "fr": "Trop de tentatives de connexion échouées pour ce compte ou depuis cette adresse. "
        "Attendez quelques minutes avant de réessayer.",
        "en": "Too many failed sign-in attempts for this account or from this address. Wait a "
        "few minutes before trying again.",
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
}
