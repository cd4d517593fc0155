"""Concurrent changes refused cleanly (``assistant/kb/rows.py`` draft versions): what the
editor whose save came second is told; and the API's answer to a route or method that does
not exist (``assistant/web/errors.py``, found by the API fuzz)."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "kb_draft_conflict": {
        "fr": "Enregistrement refusé : une autre personne a modifié ce brouillon (ou publié la "
        "fiche) depuis que vous l'avez ouvert. La page montre maintenant sa version ; refaites "
        "vos changements au besoin.",
        "en": "Save refused: someone else changed this draft (or published the entry) since "
        "you opened it. The page now shows their version; make your changes again if needed.",
    },
    "api_not_found": {
        "fr": "Cette adresse de l'API n'existe pas (ou pas avec cette méthode).",
        "en": "This API address does not exist (or not with this method).",
    },
}
