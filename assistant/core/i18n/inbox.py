"""The review inbox (``assistant/inbox``, ``/staff/inbox``): questions the assistant could not
answer, grouped for staff to turn into KB phrasings or entries."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
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
}
