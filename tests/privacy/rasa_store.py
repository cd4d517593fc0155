"""Rasa's SQL tracker store as Rasa writes it (``SQLTrackerStore``: one ``events`` row per
event, ``data`` the event's JSON), for tests that do not start Rasa. The real Rasa writes the
same table in tests/integration/test_rasa_restart.py."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import create_engine, insert

from assistant.privacy.rasa_trackers import EVENTS, sqlite_file


def write_events(url: str, conversation_id: str, events: list[dict[str, Any]]) -> None:
    """Append ``events`` (Rasa's event dicts: ``{"event": "user", "text": …}``) to a
    conversation's tracker, creating the file and table as Rasa does on its first start."""
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    EVENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        for event in events:
            event = {"timestamp": time.time(), **event}
            connection.execute(
                insert(EVENTS).values(
                    sender_id=conversation_id,
                    type_name=event["event"],
                    timestamp=event["timestamp"],
                    action_name=event.get("name"),
                    data=json.dumps(event),
                )
            )
    engine.dispose()


def form_events(name: str, email: str, at: float | None = None) -> list[dict[str, Any]]:
    """The escalation form's events for a visitor who gave their name and email."""
    at = time.time() if at is None else at
    return [
        {"event": "session_started", "timestamp": at},
        {"event": "user", "text": "Je voudrais parler à quelqu'un", "timestamp": at + 1},
        {"event": "active_loop", "name": "escalation_form", "timestamp": at + 2},
        {"event": "user", "text": name, "timestamp": at + 3},
        {"event": "slot", "name": "contact_name", "value": name, "timestamp": at + 4},
        {"event": "bot", "text": "Votre courriel?", "timestamp": at + 5},
        {"event": "user", "text": email, "timestamp": at + 6},
        {"event": "slot", "name": "contact_email", "value": email, "timestamp": at + 7},
    ]
