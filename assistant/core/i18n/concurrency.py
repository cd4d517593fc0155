"""Concurrent changes refused cleanly (``assistant/kb/rows.py`` draft versions): what the
editor whose save came second is told."""

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
}
