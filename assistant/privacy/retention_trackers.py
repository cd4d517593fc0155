"""Rasa's conversation state (tracker events: slots such as the visitor's name and email) in
the daily purge.

``endpoints.yml`` configures an SQL tracker store (``rasa_tracker_url``): its events older than
``conversation_retention_days`` are deleted with everything else (``RasaTrackers.purge_before``,
``assistant/privacy/rasa_trackers.py``). With no tracker store (in memory, gone when Rasa
stops) there is nothing to purge.

Another kind of store (Redis, Mongo…) must be purged too: write a ``TrackerPurge`` for it and
return it from ``tracker_purge``. Until then the purge reports it as *not purged*
(``RetentionReport.problems``, and an error in the log) instead of keeping quiet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

import yaml

from assistant.core.config import PROJECT_ROOT
from assistant.privacy.rasa_trackers import RasaTrackers

ENDPOINTS = PROJECT_ROOT / "endpoints.yml"


class TrackerPurge(Protocol):
    """Deletes the tracker events older than ``cutoff``; returns how many conversations."""

    async def purge_before(self, cutoff: datetime) -> int: ...


class InMemoryTrackers:
    """Rasa's default store: in the Rasa process's memory, gone when it stops."""

    async def purge_before(self, cutoff: datetime) -> int:
        return 0


class TrackerStoreNotPurged(Exception):
    """A tracker store is configured and no purge is written for it."""


def configured_store(endpoints: Path = ENDPOINTS) -> str | None:
    """The ``tracker_store`` type ``endpoints.yml`` configures, or None (in memory)."""
    if not endpoints.exists():
        return None
    content = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    store = content.get("tracker_store")
    if not store:
        return None
    kind = str(store.get("type", "sql")) if isinstance(store, dict) else str(store)
    return None if kind in {"in_memory", "InMemoryTrackerStore"} else kind


def tracker_purge(tracker_url: str, endpoints: Path = ENDPOINTS) -> TrackerPurge:
    """The purge for the configured store; raises TrackerStoreNotPurged for a store this module
    does not purge (the hook: add its ``TrackerPurge`` here)."""
    kind = configured_store(endpoints)
    if kind is None:
        return InMemoryTrackers()
    if kind.lower() == "sql":
        return RasaTrackers(tracker_url)
    raise TrackerStoreNotPurged(
        f"Rasa tracker store {kind!r} configured in {endpoints.name}: its events are not purged "
        "(add a TrackerPurge in assistant/privacy/retention_trackers.py)"
    )
