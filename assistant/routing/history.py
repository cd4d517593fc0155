"""What the conversation so far tells the router: the previous question, a pending offer.

Pure functions over Rasa's tracker events (plain dicts, oldest first), so they are tested
without a tracker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.routing.reply import OFFER_PAYLOAD
from assistant.routing.text import split_courtesies, word_count

Event = dict[str, Any]


def previous_question(events: Sequence[Event]) -> str | None:
    """The visitor's previous typed message in this conversation, if any (buttons left out)."""
    seen_latest = False
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        text = str(event.get("text") or "")
        if text and not text.startswith("/"):
            return text
    return None


def previous_answers(events: Sequence[Event]) -> frozenset[str]:
    """The KB entries the assistant answered the visitor's previous message with."""
    users = 0
    answered: set[str] = set()
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                break
        elif event.get("event") == "bot" and users == 1:
            custom = (event.get("data") or {}).get("custom") or {}
            if isinstance(custom, dict) and custom.get("outcome") == "answer":
                answered.update(str(e) for e in custom.get("kb_entries") or [])
    return frozenset(answered)


def offered_escalation(events: Sequence[Event]) -> bool:
    """Did the assistant's last message offer to pass the inquiry on to the Bureau?"""
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                return False
        elif event.get("event") == "bot" and users == 1:
            buttons = (event.get("data") or {}).get("buttons") or []
            return any(b.get("payload") == OFFER_PAYLOAD for b in buttons)
    return False


def follow_up_reading(previous: str | None, question: str, most_words: int) -> str | None:
    """A short question read as the continuation of the previous one ("et pour un permis
    d'études?" after "Bonjour, comment obtenir un permis de travail?"), courtesies left out."""
    if not previous or word_count(question) > most_words:
        return None
    return f"{split_courtesies(previous).question} {question}"
