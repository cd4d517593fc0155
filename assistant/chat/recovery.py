"""The retry of a message whose first attempt was cut short — its app process killed while
Rasa worked on it, or the app's timeout reached — must not make Rasa run the turn twice (a
form would take the same answer for two fields). Every message goes to Rasa with its
``client_message_id`` in the metadata, which Rasa keeps on the user event in its tracker
store; a retry first looks there: a turn Rasa completed (its user event followed by
``action_listen``) is rebuilt from the bot events, and Rasa is not asked again.

Rasa saves a turn's events once, at its end, so a turn cut short inside Rasa left nothing and
is simply sent again. While the first attempt may still be running (the stored message is
younger than ``wait_seconds``), the retry keeps looking before it gives up and sends."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Protocol

from assistant.chat.rasa_client import RasaTurn, parse_turn
from assistant.chat.turn_events import turn_bot_events
from assistant.db.clock import as_utc, utcnow


class Events(Protocol):
    """``assistant.privacy.rasa_trackers.RasaTrackers``: a conversation's tracker events."""

    async def events_of(self, conversation_ids: list[str]) -> list[Any]: ...


def completed_turn(events: list[Any], client_message_id: str) -> RasaTurn | None:
    """The reply of the turn started by the user event carrying ``client_message_id``, once
    Rasa finished it; else None."""
    bots = turn_bot_events(((e.type_name, e.data) for e in events), client_message_id)
    if bots is None:
        return None
    raw = []
    for bot in bots:
        extra = bot.get("data") or {}
        raw.append(
            {
                "text": bot.get("text"),
                "buttons": extra.get("buttons") or [],
                "custom": extra.get("custom"),
            }
        )
    return parse_turn(raw)


class TurnRecovery:
    def __init__(self, trackers: Events, wait_seconds: float, poll_seconds: float = 0.25):
        self._trackers = trackers
        self._wait = wait_seconds
        self._poll = poll_seconds

    async def completed(
        self, conversation_id: str, client_message_id: str, stored_at: datetime
    ) -> RasaTurn | None:
        """The turn Rasa completed for this message, looking until ``wait_seconds`` after the
        message was stored; None: Rasa never finished it, send it again."""
        while True:
            events = await self._trackers.events_of([conversation_id])
            turn = completed_turn(events, client_message_id)
            age = (utcnow() - as_utc(stored_at)).total_seconds()
            if turn is not None or age >= self._wait:
                return turn
            await asyncio.sleep(min(self._poll, self._wait - age))
