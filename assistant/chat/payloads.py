"""Which button payloads (Rasa's "/intent{...}" syntax) a visitor may send, and what Rasa is
sent instead of a message that only looks like one.

Rasa strips a message (every Unicode space) and reads it as a payload when it then starts with
"/". So a payload is decided on the normalised text: the exact text of one of our buttons goes
to Rasa as a payload; a text starting with "/" that is not one is refused; any other text that
looks like a payload once normalised (leading spaces, NBSP, zero-width characters, newlines,
a fullwidth solidus...) is plain text, sent without its leading slashes so that Rasa cannot
read it as a payload."""

from __future__ import annotations

import json
import re
import unicodedata

from assistant.core.errors import InvalidPayload

ALLOWED_INTENTS = frozenset(
    {
        "about_bureau",
        "invest",
        "talent",
        "events",
        "partnership",
        "city",
        "switch_language",
        "affirm",
        "deny",
        "cancel",
        "contact_bureau",
    }
)
ALLOWED_ENTITIES = frozenset({"kb_entry", "requested_language"})
_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]{1,40})(?P<entities>\{.*\})?$", re.DOTALL)
_VALUE = re.compile(r"^[a-z0-9-]{1,80}$")


_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})  # spaces, controls, zero-width


def _is_invisible(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in _INVISIBLE_CATEGORIES


def normalise(text: str) -> str:
    """The text as a payload parser could read it: compatibility forms folded (NFKC: a
    fullwidth solidus is "/"), and every space or invisible character at either end removed."""
    folded = unicodedata.normalize("NFKC", text)
    start, end = 0, len(folded)
    while start < end and _is_invisible(folded[start]):
        start += 1
    while end > start and _is_invisible(folded[end - 1]):
        end -= 1
    return folded[start:end]


def is_payload(text: str) -> bool:
    """Whether ``text`` looks like a payload (as typed, or once normalised)."""
    return normalise(text).startswith("/")


def text_for_rasa(text: str) -> str:
    """What to send Rasa for a visitor's ``text``: an allowed payload exactly as our button sent
    it, any other text so that Rasa cannot read it as a payload. InvalidPayload for a text that
    starts with "/" but is no payload of ours."""
    if text.startswith("/"):
        check_payload(text)
        return text
    if not is_payload(text):
        return text
    words = normalise(text)
    while words.startswith("/"):
        words = normalise(words.lstrip("/"))
    if not words:
        raise InvalidPayload(text[:40])
    return words


def check_payload(text: str) -> None:
    """Raise InvalidPayload unless ``text`` is exactly a payload our own buttons could send."""
    match = _PAYLOAD.fullmatch(text)
    if not match or match["intent"] not in ALLOWED_INTENTS:
        raise InvalidPayload(text[:40])
    if match["entities"]:
        try:
            entities = json.loads(match["entities"])
        except ValueError as error:
            raise InvalidPayload("entities are not JSON") from error
        if not isinstance(entities, dict) or not all(
            key in ALLOWED_ENTITIES and isinstance(value, str) and _VALUE.match(value)
            for key, value in entities.items()
        ):
            raise InvalidPayload("entities not allowed")
