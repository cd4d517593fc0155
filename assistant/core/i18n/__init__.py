"""The app's own visitor- and staff-facing strings, one module per area (Rasa holds the
dialogue's own responses in ``domain.yml``).

Each area module (``chat``, ``dialogue``, ``answers``, ``escalation``, ``staff_console``,
``inbox``, ``kb_editor``) holds a table ``{key: {"fr": …, "en": …}}``; ``lookup`` merges them
into ``STRINGS`` and picks a string with ``t(key, language)``.

Why Python tables rather than gettext catalogs with Babel: the keys are stable codes (error
codes double as the API's ``code`` and the console templates call ``tr(key)``) rather than the
French text, and a bilingual editor sees both languages side by side with no extract or compile
step, while tests check that every key has both languages with the same placeholders.
"""

from assistant.core.i18n.languages import LANGUAGES, Language, Table, normalise_language
from assistant.core.i18n.lookup import AREAS, STRINGS, both, colon, t

__all__ = [
    "AREAS",
    "LANGUAGES",
    "STRINGS",
    "Language",
    "Table",
    "both",
    "colon",
    "normalise_language",
    "t",
]
