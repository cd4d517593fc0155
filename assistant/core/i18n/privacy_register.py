"""The staff console's privacy pages (``/staff/privacy``): the access log and the register of
confidentiality incidents (``assistant/privacy/access_log.py``, ``incidents.py``)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

_FIELDS: Table = {
    "privacy.incident.field.occurred_on": {
        "fr": "Date de l'incident",
        "en": "Date of the incident",
    },
    "privacy.incident.field.discovered_on": {
        "fr": "Date où l'organisme en a eu connaissance",
        "en": "Date the Bureau became aware of it",
    },
    "privacy.incident.field.description": {
        "fr": "Description de l'incident",
        "en": "Description of the incident",
    },
    "privacy.incident.field.information": {
        "fr": "Renseignements personnels visés",
        "en": "Personal information concerned",
    },
    "privacy.incident.field.people_count": {
        "fr": "Nombre de personnes concernées",
        "en": "Number of people concerned",
    },
    "privacy.incident.field.risk_assessment": {
        "fr": "Évaluation du risque de préjudice sérieux",
        "en": "Assessment of the risk of serious injury",
    },
    "privacy.incident.field.serious_injury_risk": {
        "fr": "Risque de préjudice sérieux",
        "en": "Risk of serious injury",
    },
    "privacy.incident.field.commission_notified_on": {
        "fr": "Avis à la Commission d'accès à l'information (date)",
        "en": "Notice to the Commission d'accès à l'information (date)",
    },
    "privacy.incident.field.people_notified_on": {
        "fr": "Avis aux personnes concernées (date)",
        "en": "Notice to the people concerned (date)",
    },
    "privacy.incident.field.measures": {
        "fr": "Mesures prises",
        "en": "Measures taken",
    },
}

_INVALID: Table = {
    f"privacy.incident.invalid.{name}": {
        "fr": f"{_FIELDS[f'privacy.incident.field.{name}']['fr']} : {fr}",
        "en": f"{_FIELDS[f'privacy.incident.field.{name}']['en']}: {en}",
    }
    for name, fr, en in [
        ("occurred_on", "une date AAAA-MM-JJ est requise.", "a YYYY-MM-DD date is required."),
        ("discovered_on", "date AAAA-MM-JJ invalide.", "not a YYYY-MM-DD date."),
        ("commission_notified_on", "date AAAA-MM-JJ invalide.", "not a YYYY-MM-DD date."),
        ("people_notified_on", "date AAAA-MM-JJ invalide.", "not a YYYY-MM-DD date."),
        (
            "description",
            "requise (10 000 caractères au plus).",
            "required (at most 10,000 characters).",
        ),
        (
            "information",
            "requis (10 000 caractères au plus).",
            "required (at most 10,000 characters).",
        ),
        ("risk_assessment", "10 000 caractères au plus.", "at most 10,000 characters."),
        ("measures", "10 000 caractères au plus.", "at most 10,000 characters."),
        (
            "people_count",
            "un nombre entier, ou vide si inconnu.",
            "a whole number, or empty if unknown.",
        ),
    ]
}

STRINGS: Table = {
    **_FIELDS,
    **_INVALID,
    "privacy.nav_access": {"fr": "Journal d'accès", "en": "Access log"},
    "privacy.nav_incidents": {"fr": "Incidents de confidentialité", "en": "Privacy incidents"},
    "privacy.yes": {"fr": "Oui", "en": "Yes"},
    "privacy.no": {"fr": "Non", "en": "No"},
    # --- access log ---
    "privacy.access.title": {"fr": "Journal d'accès", "en": "Access log"},
    "privacy.access.intro": {
        "fr": "Chaque consultation d'un dossier et chaque exportation par le personnel : qui, "
        "quand, quel dossier. Aucun renseignement sur les visiteurs n'y figure.",
        "en": "Every view of a case and every export by staff: who, when, which case. It holds "
        "no information about visitors.",
    },
    "privacy.access.filters": {"fr": "Filtrer", "en": "Filter"},
    "privacy.access.staff": {"fr": "Membre du personnel", "en": "Staff member"},
    "privacy.access.action": {"fr": "Action", "en": "Action"},
    "privacy.access.reference": {"fr": "Référence du dossier", "en": "Case reference"},
    "privacy.access.since": {"fr": "Du (AAAA-MM-JJ)", "en": "From (YYYY-MM-DD)"},
    "privacy.access.until": {"fr": "Au (AAAA-MM-JJ)", "en": "To (YYYY-MM-DD)"},
    "privacy.access.apply": {"fr": "Appliquer", "en": "Apply"},
    "privacy.access.all": {"fr": "Tous", "en": "All"},
    "privacy.access.when": {"fr": "Quand", "en": "When"},
    "privacy.access.case": {"fr": "Dossier", "en": "Case"},
    "privacy.access.subject": {"fr": "Objet exporté", "en": "What was exported"},
    "privacy.access.action.view_case": {"fr": "Consultation d'un dossier", "en": "Case viewed"},
    "privacy.access.action.export": {"fr": "Exportation", "en": "Export"},
    "privacy.access.empty": {
        "fr": "Aucune entrée ne correspond à ces filtres.",
        "en": "No entry matches these filters.",
    },
    "privacy.access.truncated": {
        "fr": "Seules les {count} entrées les plus récentes sont affichées : précisez les filtres.",
        "en": "Only the {count} most recent entries are shown: narrow the filters.",
    },
    "privacy.access.bad_filter": {
        "fr": "Un filtre était invalide (date AAAA-MM-JJ attendue) : il a été ignoré.",
        "en": "A filter was invalid (a YYYY-MM-DD date is expected): it was ignored.",
    },
    # --- incident register ---
    "incident_not_found": {
        "fr": "Cet incident n'existe pas.",
        "en": "This incident does not exist.",
    },
    "privacy.incident.list_title": {
        "fr": "Registre des incidents de confidentialité",
        "en": "Register of confidentiality incidents",
    },
    "privacy.incident.intro": {
        "fr": "Le registre exigé par le Règlement sur les incidents de confidentialité. Décrivez "
        "l'incident et les catégories de renseignements visés, sans recopier les renseignements "
        "eux-mêmes. Chaque modification est conservée dans l'historique.",
        "en": "The register the Regulation respecting confidentiality incidents requires. "
        "Describe the incident and the kinds of information concerned, without copying the "
        "information itself. Every change is kept in the history.",
    },
    "privacy.incident.new": {"fr": "Consigner un incident", "en": "Record an incident"},
    "privacy.incident.export": {
        "fr": "Exporter le registre (CSV)",
        "en": "Export the register (CSV)",
    },
    "privacy.incident.empty": {"fr": "Aucun incident consigné.", "en": "No incident recorded."},
    "privacy.incident.number": {"fr": "Incident n° {id}", "en": "Incident no. {id}"},
    "privacy.incident.open": {"fr": "Ouvrir", "en": "Open"},
    "privacy.incident.unknown": {"fr": "inconnu", "en": "unknown"},
    "privacy.incident.not_yet": {"fr": "pas encore", "en": "not yet"},
    "privacy.incident.people_hint": {
        "fr": "Laisser vide si inconnu.",
        "en": "Leave empty if unknown.",
    },
    "privacy.incident.date_hint": {"fr": "AAAA-MM-JJ", "en": "YYYY-MM-DD"},
    "privacy.incident.save": {"fr": "Enregistrer", "en": "Save"},
    "privacy.incident.history": {"fr": "Historique des modifications", "en": "History of changes"},
    "privacy.incident.history_entry": {"fr": "{time} — {name}", "en": "{time} — {name}"},
    "privacy.incident.field": {"fr": "Champ", "en": "Field"},
    "privacy.incident.before": {"fr": "Avant", "en": "Before"},
    "privacy.incident.after": {"fr": "Après", "en": "After"},
    "privacy.incident.updated_at": {"fr": "Dernière modification (UTC)", "en": "Last change (UTC)"},
    "privacy.incident.invalid": {
        "fr": "L'incident n'a pas été enregistré. À corriger :",
        "en": "The incident was not saved. To correct:",
    },
    "privacy.incident.notice.recorded": {"fr": "Incident consigné.", "en": "Incident recorded."},
    "privacy.incident.notice.saved": {"fr": "Modifications enregistrées.", "en": "Changes saved."},
    "privacy.incident.notice.unchanged": {
        "fr": "Aucun champ n'a changé.",
        "en": "No field changed.",
    },
}
