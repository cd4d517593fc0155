"""Every area's strings merged into ``STRINGS``, and the functions that pick one."""

from __future__ import annotations

from assistant.core.i18n.accounts import STRINGS as ACCOUNTS
from assistant.core.i18n.answers import STRINGS as ANSWERS
from assistant.core.i18n.case_workflow import STRINGS as CASE_WORKFLOW
from assistant.core.i18n.chat import STRINGS as CHAT
from assistant.core.i18n.concurrency import STRINGS as CONCURRENCY
from assistant.core.i18n.dialogue import STRINGS as DIALOGUE
from assistant.core.i18n.escalation import STRINGS as ESCALATION
from assistant.core.i18n.inbox import STRINGS as INBOX
from assistant.core.i18n.insights import STRINGS as INSIGHTS
from assistant.core.i18n.kb_editor import STRINGS as KB_EDITOR
from assistant.core.i18n.languages import Table, normalise_language
from assistant.core.i18n.live_updates import STRINGS as LIVE_UPDATES
from assistant.core.i18n.privacy_notice import STRINGS as PRIVACY_NOTICE
from assistant.core.i18n.privacy_register import STRINGS as PRIVACY_REGISTER
from assistant.core.i18n.privacy_rights import STRINGS as PRIVACY_RIGHTS
from assistant.core.i18n.rasa_trackers import STRINGS as RASA_TRACKERS
from assistant.core.i18n.staff_console import STRINGS as STAFF_CONSOLE

#: area name -> its table; a key belongs to exactly one area (tests/core/test_i18n.py).
AREAS: dict[str, Table] = {
    "chat": CHAT,
    "dialogue": DIALOGUE,
    "answers": ANSWERS,
    "escalation": ESCALATION,
    "staff_console": STAFF_CONSOLE,
    "inbox": INBOX,
    "kb_editor": KB_EDITOR,
    "case_workflow": CASE_WORKFLOW,
    "privacy_register": PRIVACY_REGISTER,
    "privacy_notice": PRIVACY_NOTICE,
    "insights": INSIGHTS,
    "accounts": ACCOUNTS,
    "privacy_rights": PRIVACY_RIGHTS,
    "concurrency": CONCURRENCY,
    "rasa_trackers": RASA_TRACKERS,
    "live_updates": LIVE_UPDATES,
}

STRINGS: Table = {key: table for area in AREAS.values() for key, table in area.items()}


def t(key: str, language: str | None) -> str:
    """The string in ``language`` (French when unknown); a generic error for unknown keys."""
    table = STRINGS.get(key) or STRINGS["error"]
    return table[normalise_language(language)]


def colon(language: str | None) -> str:
    """Between a label and its value: French typography puts a space before the colon."""
    return ": " if normalise_language(language) == "en" else " : "


def both(key: str) -> str:
    """French then English, for messages sent before the visitor's language is known."""
    return f"{t(key, 'fr')} / {t(key, 'en')}"
