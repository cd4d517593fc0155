"""Consent records and a person's rights (``assistant/privacy/consent.py``, ``rights*.py``):
the transcript placeholder, the exported document and the staff console's privacy page."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "privacy.form_text_not_kept": {
        "fr": "[texte du formulaire non conservé]",
        "en": "[form text not kept]",
    },
    # the exported document, in the person's language
    "privacy.doc.title": {
        "fr": "Vos renseignements personnels détenus par le Bureau des relations internationales",
        "en": "Your personal information held by the Bureau des relations internationales",
    },
    "privacy.doc.intro": {
        "fr": "Tout ce que l'assistant international de la Ville de Québec conserve à votre "
        "sujet, en date du",
        "en": "Everything the Ville de Québec's international assistant keeps about you, as of",
    },
    "privacy.doc.nothing": {
        "fr": "Aucun renseignement n'est conservé à votre sujet.",
        "en": "No information about you is kept.",
    },
    "privacy.doc.cases": {"fr": "Vos demandes", "en": "Your requests"},
    "privacy.doc.case": {"fr": "Demande", "en": "Request"},
    "privacy.doc.created": {"fr": "Reçue le", "en": "Received on"},
    "privacy.doc.resolution": {"fr": "Réponse", "en": "Resolution"},
    "privacy.doc.consent": {
        "fr": "Consentement donné le {when} à l'avis dont l'empreinte SHA-256 est",
        "en": "Consent given on {when} to the notice whose SHA-256 fingerprint is",
    },
    "privacy.doc.note": {"fr": "Note du personnel", "en": "Staff note"},
    "privacy.doc.conversations": {"fr": "Vos conversations", "en": "Your conversations"},
    "privacy.doc.conversation": {"fr": "Conversation du", "en": "Conversation of"},
    "privacy.doc.sender.visitor": {"fr": "Vous", "en": "You"},
    "privacy.doc.sender.bot": {"fr": "Assistant", "en": "Assistant"},
    "privacy.doc.sender.staff": {"fr": "Personnel du Bureau", "en": "Bureau staff"},
    "privacy.doc.sender.system": {"fr": "Système", "en": "System"},
    "privacy.doc.feedback": {
        "fr": "Votre appréciation d'une réponse",
        "en": "Your rating of an answer",
    },
    "privacy.doc.emails": {"fr": "Courriels", "en": "Emails"},
    "privacy.doc.inbox": {
        "fr": "Questions conservées pour améliorer l'assistant (renseignements masqués)",
        "en": "Questions kept to improve the assistant (personal details masked)",
    },
    "privacy.doc.rasa": {
        "fr": "Le moteur de conversation (Rasa) conserve l'état de vos conversations (ce que vous "
        "avez écrit, les réponses du formulaire) dans sa propre base de données, avec la même "
        "durée de conservation que les conversations.",
        "en": "The conversation engine (Rasa) keeps the state of your conversations (what you "
        "wrote, the form's answers) in its own database, for as long as conversations are kept.",
    },
    # reasons (rights_audit.REASONS)
    "privacy.reason.access_request": {
        "fr": "Demande d'accès de la personne",
        "en": "The person's access request",
    },
    "privacy.reason.rectification_request": {
        "fr": "Demande de rectification de la personne",
        "en": "The person's rectification request",
    },
    "privacy.reason.deletion_request": {
        "fr": "Demande de suppression de la personne",
        "en": "The person's deletion request",
    },
    "privacy.reason.consent_withdrawn": {
        "fr": "Retrait du consentement",
        "en": "Consent withdrawn",
    },
    "privacy.reason.inaccurate_data": {
        "fr": "Renseignements inexacts constatés",
        "en": "Inaccurate information found",
    },
    "privacy.reason.purpose_fulfilled": {
        "fr": "Fins accomplies (conservation plus nécessaire)",
        "en": "Purpose fulfilled (no longer needed)",
    },
    "privacy.reason.legal_order": {
        "fr": "Ordonnance de la Commission ou d'un tribunal",
        "en": "Order of the Commission or a court",
    },
    # the staff console's page
    "staff.privacy.nav": {"fr": "Renseignements personnels", "en": "Personal information"},
    "staff.privacy.title": {
        "fr": "Droits d'une personne sur ses renseignements",
        "en": "A person's rights over their information",
    },
    "staff.privacy.intro": {
        "fr": "Cherchez par courriel ou par référence de demande : vous verrez tout ce qui est "
        "conservé, puis pourrez l'exporter, le rectifier ou le supprimer. Chaque action est "
        "journalisée (qui, quand, quoi, pourquoi), sans renseignement personnel.",
        "en": "Search by email or case reference to see everything held, then export, rectify "
        "or delete it. Every action is logged (who, when, what, why) without personal data.",
    },
    "staff.privacy.email": {"fr": "Courriel", "en": "Email"},
    "staff.privacy.reference": {"fr": "Référence de demande", "en": "Case reference"},
    "staff.privacy.search": {"fr": "Chercher", "en": "Search"},
    "staff.privacy.held": {"fr": "Ce qui est conservé", "en": "What is held"},
    "staff.privacy.nothing": {
        "fr": "Rien n'est conservé pour cette recherche.",
        "en": "Nothing is held for this search.",
    },
    "staff.privacy.count.cases": {"fr": "Demandes", "en": "Cases"},
    "staff.privacy.count.notes": {"fr": "Notes internes", "en": "Internal notes"},
    "staff.privacy.count.consents": {"fr": "Consentements", "en": "Consent records"},
    "staff.privacy.count.conversations": {"fr": "Conversations", "en": "Conversations"},
    "staff.privacy.count.messages": {"fr": "Messages", "en": "Messages"},
    "staff.privacy.count.feedback": {"fr": "Appréciations", "en": "Feedback"},
    "staff.privacy.count.emails": {"fr": "Courriels (boîte d'envoi)", "en": "Emails (outbox)"},
    "staff.privacy.count.inbox_items": {
        "fr": "Éléments de la boîte de révision",
        "en": "Review-inbox items",
    },
    "staff.privacy.count.mail_files": {"fr": "Fichiers de courriel", "en": "Mail files"},
    "staff.privacy.rasa": {
        "fr": "Rasa : l'état de ces conversations dans sa base (trackers) est compté ci-dessus, "
        "exporté et supprimé avec le reste.",
        "en": "Rasa: these conversations' state in its database (trackers) is counted above, "
        "exported and deleted with the rest.",
    },
    "staff.privacy.reason": {"fr": "Motif", "en": "Reason"},
    "staff.privacy.export": {"fr": "Exporter", "en": "Export"},
    "staff.privacy.export_json": {"fr": "Exporter (JSON)", "en": "Export (JSON)"},
    "staff.privacy.export_document": {
        "fr": "Exporter (document lisible)",
        "en": "Export (readable document)",
    },
    "staff.privacy.rectify": {"fr": "Rectifier", "en": "Rectify"},
    "staff.privacy.rectify_hint": {
        "fr": "Laissez vide ce qui ne change pas.",
        "en": "Leave blank what does not change.",
    },
    "staff.privacy.name": {"fr": "Nom", "en": "Name"},
    "staff.privacy.new_email": {"fr": "Nouveau courriel", "en": "New email"},
    "staff.privacy.organisation": {"fr": "Organisation", "en": "Organisation"},
    "staff.privacy.delete": {"fr": "Tout supprimer", "en": "Delete everything"},
    "staff.privacy.delete_confirm": {
        "fr": "Je confirme la suppression définitive de tout ce qui est listé ci-dessus.",
        "en": "I confirm the permanent deletion of everything listed above.",
    },
    "staff.privacy.audit": {"fr": "Journal des demandes", "en": "Request log"},
    "staff.privacy.audit.when": {"fr": "Quand", "en": "When"},
    "staff.privacy.audit.who": {"fr": "Qui", "en": "Who"},
    "staff.privacy.audit.action": {"fr": "Action", "en": "Action"},
    "staff.privacy.audit.what": {"fr": "Quoi", "en": "What"},
    "staff.privacy.audit.cli": {"fr": "ligne de commande", "en": "command line"},
    "staff.privacy.notice.rectified": {
        "fr": "Renseignements rectifiés.",
        "en": "Information rectified.",
    },
    "staff.privacy.notice.deleted": {
        "fr": "Tout a été supprimé; l'action est journalisée.",
        "en": "Everything was deleted; the action is logged.",
    },
    "staff.privacy.error.person_not_identified": {
        "fr": "Indiquez un courriel ou une référence (un seul des deux).",
        "en": "Give an email or a case reference (only one of them).",
    },
    "staff.privacy.error.rectification_invalid": {
        "fr": "Valeur refusée : vérifiez le nom (2 à 100 caractères) et le courriel.",
        "en": "Value refused: check the name (2 to 100 characters) and the email.",
    },
    "staff.privacy.error.nothing_held": {
        "fr": "Rien n'est conservé pour cette recherche.",
        "en": "Nothing is held for this search.",
    },
    "staff.privacy.error.unknown_reason": {"fr": "Choisissez un motif.", "en": "Choose a reason."},
    "staff.privacy.error.not_confirmed": {
        "fr": "Cochez la confirmation pour supprimer.",
        "en": "Tick the confirmation to delete.",
    },
}
