"""The Insights dashboard (``/staff/insights``), its CSV exports and the weekly digest
(``assistant/insights``)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "insights.title": {"fr": "Statistiques", "en": "Insights"},
    "insights.nav": {"fr": "Statistiques", "en": "Insights"},
    "insights.intro": {
        "fr": "Ce que le monde demande au Bureau, en chiffres agrégés seulement : aucune donnée "
        "personnelle. Dans les répartitions par pays ou par région, un nombre inférieur à 5 "
        "est affiché « < 5 ».",
        "en": "What the world asks the Bureau, as aggregates only: no personal data. In the "
        'breakdowns by country or region, a count below 5 is shown as "< 5".',
    },
    "insights.period.legend": {"fr": "Période", "en": "Period"},
    "insights.period.days": {"fr": "{n} derniers jours", "en": "Last {n} days"},
    "insights.period.preset": {"fr": "Durée", "en": "Length"},
    "insights.period.from": {"fr": "Du (facultatif)", "en": "From (optional)"},
    "insights.period.to": {"fr": "Au (facultatif)", "en": "To (optional)"},
    "insights.period.show": {"fr": "Afficher", "en": "Show"},
    "insights.period.shown": {
        "fr": "Du {first} au {last} ({days} jours), comparé au {pfirst} – {plast}.",
        "en": "From {first} to {last} ({days} days), compared with {pfirst} – {plast}.",
    },
    "insights.csv": {"fr": "Exporter en CSV", "en": "Export as CSV"},
    "insights.csv_named": {"fr": "Exporter « {name} » en CSV", "en": 'Export "{name}" as CSV'},
    "insights.data_table": {"fr": "Tableau des données", "en": "Data table"},
    "insights.none": {"fr": "Aucune donnée pour cette période.", "en": "No data for this period."},
    # sections
    "insights.section.summary": {"fr": "En bref", "en": "At a glance"},
    "insights.section.activity": {
        "fr": "Conversations et messages",
        "en": "Conversations and messages",
    },
    "insights.section.outcomes": {"fr": "Issues des questions", "en": "What questions got"},
    "insights.section.entries": {
        "fr": "Fiches les plus demandées",
        "en": "Most asked knowledge-base entries",
    },
    "insights.section.unanswered": {
        "fr": "Questions sans bonne réponse",
        "en": "Questions without a good answer",
    },
    "insights.section.escalations": {
        "fr": "Demandes transmises au Bureau",
        "en": "Requests passed to the Bureau",
    },
    "insights.section.regions": {"fr": "Régions des visiteurs", "en": "Visitors' regions"},
    "insights.chart.conversations": {
        "fr": "Conversations par jour et par langue",
        "en": "Conversations per day, by language",
    },
    "insights.chart.messages": {
        "fr": "Messages des visiteurs par jour et par langue",
        "en": "Visitor messages per day, by language",
    },
    "insights.chart.outcomes": {"fr": "Issues par jour", "en": "Outcomes per day"},
    "insights.chart.entries": {"fr": "Réponses données par fiche", "en": "Answers given per entry"},
    "insights.chart.audiences": {"fr": "Demandes par public", "en": "Requests by audience"},
    "insights.chart.reasons": {"fr": "Demandes par motif", "en": "Requests by reason"},
    "insights.chart.countries": {
        "fr": "Demandes par pays indiqué",
        "en": "Requests by country given",
    },
    "insights.chart.delays": {"fr": "Délais du personnel", "en": "Staff delays"},
    "insights.chart.regions": {
        "fr": "Conversations par région (fuseau horaire du navigateur)",
        "en": "Conversations by region (browser time zone)",
    },
    "insights.unanswered.intro": {
        "fr": "Les groupes ouverts de la boîte de révision vus pendant la période (textes "
        "masqués), les plus fréquents d'abord.",
        "en": "The review inbox's open groups seen in the period (masked text), most frequent "
        "first.",
    },
    "insights.unanswered.link": {
        "fr": "Traiter dans la boîte de révision",
        "en": "Act on them in the review inbox",
    },
    "insights.regions.intro": {
        "fr": "Déduites du fuseau horaire du navigateur, par grande région seulement.",
        "en": "From the browser's time zone, by broad region only.",
    },
    # text summaries (one per chart)
    "insights.summary.by_language": {
        "fr": "{total} au total ({fr} en français, {en} en anglais), {change} par rapport à la "
        "période précédente ({previous}). Jour le plus chargé : {peak_day} ({peak}).",
        "en": "{total} in all ({fr} in French, {en} in English), {change} compared with the "
        "previous period ({previous}). Busiest day: {peak_day} ({peak}).",
    },
    "insights.summary.outcomes": {
        "fr": "Sur {total} questions : {parts}. Taux de réponse {rate} (période précédente : "
        "{previous}).",
        "en": "Of {total} questions: {parts}. Answer rate {rate} (previous period: {previous}).",
    },
    "insights.summary.ranking": {
        "fr": "En tête : {first} ({count}). {rows} lignes au total.",
        "en": "First: {first} ({count}). {rows} rows in all.",
    },
    "insights.summary.delays": {
        "fr": "Prise en charge : médiane {claim_median}, 90e centile {claim_p90}. Fermeture : "
        "médiane {close_median}, 90e centile {close_p90}.",
        "en": "Claim: median {claim_median}, 90th percentile {claim_p90}. Closing: median "
        "{close_median}, 90th percentile {close_p90}.",
    },
    "insights.summary.empty": {
        "fr": "Aucune donnée pour cette période.",
        "en": "No data for this period.",
    },
    "insights.no_change": {"fr": "aucune comparaison possible", "en": "no comparison possible"},
    # columns
    "insights.col.measure": {"fr": "Mesure", "en": "Measure"},
    "insights.col.period": {"fr": "Période", "en": "Period"},
    "insights.col.previous": {"fr": "Période précédente", "en": "Previous period"},
    "insights.col.change": {"fr": "Variation", "en": "Change"},
    "insights.col.day": {"fr": "Jour", "en": "Day"},
    "insights.col.conversations_fr": {
        "fr": "Conversations (français)",
        "en": "Conversations (French)",
    },
    "insights.col.conversations_en": {
        "fr": "Conversations (anglais)",
        "en": "Conversations (English)",
    },
    "insights.col.messages_fr": {"fr": "Messages (français)", "en": "Messages (French)"},
    "insights.col.messages_en": {"fr": "Messages (anglais)", "en": "Messages (English)"},
    "insights.col.entry": {"fr": "Fiche", "en": "Entry"},
    "insights.col.asked": {"fr": "Réponses données", "en": "Answers given"},
    "insights.col.up": {"fr": "👍", "en": "👍"},
    "insights.col.down": {"fr": "👎", "en": "👎"},
    "insights.col.question": {"fr": "Question (masquée)", "en": "Question (masked)"},
    "insights.col.language": {"fr": "Langue", "en": "Language"},
    "insights.col.reasons": {"fr": "Motifs", "en": "Reasons"},
    "insights.col.occurrences": {"fr": "Occurrences", "en": "Occurrences"},
    "insights.col.wordings": {"fr": "Formulations", "en": "Wordings"},
    "insights.col.audience": {"fr": "Public", "en": "Audience"},
    "insights.col.reason": {"fr": "Motif", "en": "Reason"},
    "insights.col.country": {"fr": "Pays indiqué", "en": "Country given"},
    "insights.col.cases": {"fr": "Demandes", "en": "Requests"},
    "insights.col.conversations": {"fr": "Conversations", "en": "Conversations"},
    "insights.col.region": {"fr": "Région", "en": "Region"},
    "insights.col.median": {"fr": "Médiane", "en": "Median"},
    "insights.col.p90": {"fr": "90e centile", "en": "90th percentile"},
    # measures
    "insights.measure.conversations": {"fr": "Conversations", "en": "Conversations"},
    "insights.measure.messages": {"fr": "Messages des visiteurs", "en": "Visitor messages"},
    "insights.measure.answer_rate": {"fr": "Taux de réponse", "en": "Answer rate"},
    "insights.measure.cases": {"fr": "Demandes transmises", "en": "Requests passed on"},
    "insights.measure.claim_delay": {"fr": "Délai de prise en charge", "en": "Time to claim"},
    "insights.measure.time_to_close": {"fr": "Délai de fermeture", "en": "Time to close"},
    "insights.unit.minutes": {"fr": "{n} min", "en": "{n} min"},
    "insights.unit.hours": {"fr": "{n} h", "en": "{n} h"},
    # outcomes
    "insights.outcome.answered": {"fr": "Répondu", "en": "Answered"},
    "insights.outcome.clarified": {"fr": "Précision demandée", "en": "Clarified"},
    "insights.outcome.escalated": {"fr": "Transmis au Bureau", "en": "Escalated"},
    "insights.outcome.out_of_scope": {"fr": "Hors sujet", "en": "Out of scope"},
    "insights.outcome.not_understood": {"fr": "Non compris", "en": "Not understood"},
    "insights.language.fr": {"fr": "Français", "en": "French"},
    "insights.language.en": {"fr": "Anglais", "en": "English"},
    "insights.country.other": {
        "fr": "Autres pays (moins de 5 demandes chacun)",
        "en": "Other countries (fewer than 5 requests each)",
    },
    "insights.country.not_given": {"fr": "(non indiqué)", "en": "(not given)"},
    # regions
    "insights.region.americas": {"fr": "Amériques", "en": "Americas"},
    "insights.region.europe": {"fr": "Europe", "en": "Europe"},
    "insights.region.africa": {"fr": "Afrique", "en": "Africa"},
    "insights.region.asia": {"fr": "Asie", "en": "Asia"},
    "insights.region.oceania": {"fr": "Océanie", "en": "Oceania"},
    "insights.region.atlantic": {"fr": "Atlantique", "en": "Atlantic"},
    "insights.region.indian_ocean": {"fr": "Océan Indien", "en": "Indian Ocean"},
    "insights.region.other": {"fr": "Autre", "en": "Other"},
    "insights.region.unknown": {"fr": "Inconnue", "en": "Unknown"},
    # the weekly digest
    "insights.digest.subject": {
        "fr": "Assistant international : la semaine du {first} au {last}",
        "en": "International assistant: the week of {first} to {last}",
    },
    "insights.digest.intro": {
        "fr": "Les chiffres de la semaine (agrégés, sans données personnelles), comparés à la "
        "semaine précédente.",
        "en": "The week's figures (aggregates, no personal data), compared with the week before.",
    },
    "insights.digest.unanswered": {
        "fr": "Questions sans bonne réponse les plus fréquentes (masquées)",
        "en": "Most frequent questions without a good answer (masked)",
    },
    "insights.digest.no_unanswered": {"fr": "Aucune cette semaine.", "en": "None this week."},
    "insights.digest.more": {
        "fr": "Tableau de bord complet : {url}",
        "en": "Full dashboard: {url}",
    },
}
