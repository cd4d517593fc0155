"""Live updates (assistant/events): what the staff queue page says about its refresh."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    "live.queue_updates": {
        "fr": "La liste se met à jour dès qu'un dossier arrive ou change.",
        "en": "The list updates as soon as a case arrives or changes.",
    },
}
