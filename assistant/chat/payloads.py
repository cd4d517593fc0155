"""Which button payloads (Rasa's "/intent{...}" syntax) a visitor may send."""

from __future__ import annotations

import json
import re

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


def is_payload(text: str) -> bool:
    return text.startswith("/")


def check_payload(text: str) -> None:
    """Raise InvalidPayload unless ``text`` is a payload our own buttons could have sent."""
    match = _PAYLOAD.match(text.strip())
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
