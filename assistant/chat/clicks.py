"""What the visitor clicked: the title of a button rather than the payload it sent.

A button shows a title ("J'accepte", "Investir à Québec") and sends a payload ("/affirm",
"/about_bureau{"kb_entry":"bureau-contact"}", or a whole sentence for the welcome buttons);
the visitor message stores what was sent, which is what Rasa and the review inbox need. To show
a transcript to people (staff console, case email), each visitor message that is the payload of
a button the assistant offered earlier in the conversation is shown with that button's title
(the latest offer with that payload wins, as in the widget). The title always comes from our own
stored bot messages, never from the client, so a forged title cannot reach staff.

A payload that no offered button explains (a message stored before the bot's buttons were kept,
a payload typed by hand) is still shown readable: a label for its intent in the conversation's
language ("Oui", "Contacter le Bureau"), never "/affirm".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.core.i18n import STRINGS, t

_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]{1,40})(?P<entities>\{.*\})?$", re.DOTALL)


@dataclass(frozen=True)
class Shown:
    """A message's text as people read it; ``button``: the visitor clicked a button."""

    text: str
    button: bool = False


def offered_buttons(sender: str, payload: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(payload, title) of the buttons a stored bot message offered."""
    if sender != "bot" or not payload:
        return []
    buttons = payload.get("buttons") or []
    return [
        (str(b["payload"]), str(b["title"]))
        for b in buttons
        if isinstance(b, Mapping) and b.get("payload") and b.get("title")
    ]


def shown_texts(
    messages: Iterable[tuple[str, str, Mapping[str, Any] | None]], language: str | None
) -> list[Shown]:
    """For each stored message (sender, text, stored payload), in order, what people see."""
    titles: dict[str, str] = {}  # payload -> title of the latest button offered with it
    shown: list[Shown] = []
    for sender, text, payload in messages:
        if sender == "visitor":
            shown.append(_visitor(text, titles, language))
            continue
        titles.update(offered_buttons(sender, payload))
        shown.append(Shown(text))
    return shown


def _visitor(text: str, titles: Mapping[str, str], language: str | None) -> Shown:
    title = titles.get(text)
    if title is not None:
        return Shown(title, button=title != text or text.startswith("/"))
    if text.startswith("/"):
        readable = readable_payload(text, language)
        if readable is not None:
            return Shown(readable, button=True)
    return Shown(text)


def readable_payload(text: str, language: str | None) -> str | None:
    """A label for a payload no offered button explains; None for text that is not one."""
    match = _PAYLOAD.fullmatch(text.strip())
    if match is None:
        return None
    intent = match["intent"]
    key = f"clicked.{intent}"
    if key in STRINGS:
        label = t(key, language)
    else:
        label = t("clicked.other", language).format(intent=intent.replace("_", " "))
    entities = _entities(match["entities"])
    entry = entities.get("kb_entry")
    if entry:
        return t("clicked.entry", language).format(label=label, entry=entry)
    requested = entities.get("requested_language")
    return f"{label} ({requested})" if requested else label


def _entities(raw: str | None) -> dict[str, str]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int)}
