"""The knowledge-base editor (``assistant/kb/store.py``, ``/staff/kb``, ``/api/staff/kb``): its
error codes, entry list, editing form, preview, versions and audit log."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
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
