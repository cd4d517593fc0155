"""Change notifications between app processes: a write wakes the streams that show it.

``Notifier`` (``notifier.py``) broadcasts in-process (SQLite: one process by design);
``PostgresNotifier`` (``postgres.py``) carries the same notifications to every app process with
``LISTEN/NOTIFY``. ``changes.py`` turns committed writes (a staff or system message, a case, a
KB publish) into notifications. The database stays the source of truth: a notification only
says "read again", so a missed one delays an update until the slow fallback poll.
"""

from assistant.events.changes import CASES, KB, conversation_channel, track_changes
from assistant.events.notifier import Notifier, Subscription
from assistant.events.postgres import PostgresNotifier, create_notifier

__all__ = [
    "CASES",
    "KB",
    "Notifier",
    "PostgresNotifier",
    "Subscription",
    "conversation_channel",
    "create_notifier",
    "track_changes",
]
