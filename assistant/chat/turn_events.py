"""The bot events of one visitor message's turn in Rasa's tracker, found by the message's
``client_message_id`` (kept by Rasa in the user event's metadata).

Pure and import-free: the app reads Rasa's tracker store with it (``chat/recovery.py``), and
Rasa its own tracker (``assistant/nlu/rasa_main.py``, in Rasa's Python 3.10 environment).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def turn_bot_events(
    events: Iterable[tuple[str, dict[str, Any]]], client_message_id: str
) -> list[dict[str, Any]] | None:
    """``events``: (type name, Rasa's serialised event) pairs, oldest first. The bot events of
    the turn started by the user event carrying ``client_message_id``, once that turn ended
    (``action_listen``); None when no such completed turn is there."""
    bots: list[dict[str, Any]] | None = None
    for kind, data in events:
        if bots is None:
            metadata = data.get("metadata") or {}
            if kind == "user" and metadata.get("client_message_id") == client_message_id:
                bots = []
            continue
        if kind == "user":  # another message began before this turn ended
            return None
        if kind == "bot":
            bots.append(data)
        if kind == "action" and data.get("name") == "action_listen":
            return bots
    return None
