"""``python -m assistant.nlu.rasa_main ARGS``: Rasa's own command line (``rasa ARGS``), with
the action server's responses validated against a schema compiled once, each visitor message
run once, and no visitor data in Rasa's structured log events.

Rasa 3.6 checks every response of the action server with ``jsonschema.validate``, which first
re-checks the schema itself against the JSON Schema meta-schema: 22 ms of every action call on
the 2-core machine, a third of a KB turn (``make bench``). Here the same schema is checked once
and compiled; a valid response costs under a millisecond, and an invalid one still goes through
Rasa's own check, which raises Rasa's own error.

And a message Rasa has already answered is answered again from its tracker, not run a second
time. The app sends every message with its ``client_message_id`` (the widget's idempotency key)
in the metadata, and ``retry`` when an earlier attempt may have reached Rasa (a timeout, a killed
app process): that one may arrive while, or after, the first attempt ran. Rasa handles a
conversation's messages one at a time under its lock store's lock, so when the retry's turn
comes the first attempt has finished and saved: its replies are sent back, and no form takes
the same answer twice (``make run-cluster``'s fault test counts it). A first attempt cut short
(Rasa killed mid-turn) saved nothing and runs again.

And the SQL tracker store on an SQLite file (``make run``'s default) keeps one connection open
on a WAL journal, and knows how many of a conversation's events are stored. Rasa 3.6 opens and
closes a connection for every read and write, commits in SQLite's rollback journal (a sync to
disk each), and counts the stored events with a query before every save: 10 ms of a KB turn
on the 2-core machine, 4.5 ms this way (``make bench``'s breakdown). PostgreSQL (``make run-cluster``) keeps
Rasa's own pool; both keep the count.
"""

from __future__ import annotations

import sys
from typing import Any


def validate_responses_with_a_compiled_schema() -> None:
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validation = RemoteAction._validate_action_result

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return validator.is_valid(result) or rasa_validation(self, result)

    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]


def replies_to(events: list[Any], client_message_id: str) -> list[dict[str, Any]] | None:
    """What Rasa answered the user event carrying ``client_message_id``, once that turn ended
    (``action_listen``); None when no such completed turn is in ``events``."""
    from assistant.chat.turn_events import turn_bot_events

    bots = turn_bot_events(((e.type_name, e.as_dict()) for e in events), client_message_id)
    if bots is None:
        return None
    return [
        {"text": bot.get("text"), **{k: v for k, v in (bot.get("data") or {}).items() if v}}
        for bot in bots
    ]


def sqlite_tracker_store_with_one_connection() -> None:
    """SQLite tracker stores: a pooled connection (Rasa's SQLAlchemy 1.4 opens one per
    session for a file), on a WAL journal with ``synchronous=NORMAL`` (a commit is not synced
    to disk; after a power cut the last turns may be lost, never the file's integrity)."""
    import sqlite3

    from rasa.core import tracker_store
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import QueuePool

    engine_kwargs = tracker_store.create_engine_kwargs

    def kwargs(url: Any) -> dict[str, Any]:
        if str(url).startswith("sqlite") and ":memory:" not in str(url):
            return {"poolclass": QueuePool, "pool_size": 1, "max_overflow": 2}
        return engine_kwargs(url)

    tracker_store.create_engine_kwargs = kwargs

    @event.listens_for(Engine, "connect")
    def _wal_journal(connection: Any, _record: Any) -> None:
        if isinstance(connection, sqlite3.Connection):
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")


def count_stored_events_once() -> None:
    """The SQL tracker store saves the events a turn added after those it loaded: it counts
    the stored ones with a query before each save. The tracker it loaded (or last saved)
    remembers that number instead; a tracker without it is counted as before. A conversation
    is handled by one Rasa at a time (its lock), so nothing is stored between the two."""
    import itertools

    from rasa.core.tracker_store import SQLTrackerStore

    retrieve, save = SQLTrackerStore._retrieve, SQLTrackerStore.save
    additional_events = SQLTrackerStore._additional_events

    async def _retrieve(
        self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Any:
        tracker = await retrieve(self, sender_id, fetch_events_from_all_sessions)
        if tracker is not None and not fetch_events_from_all_sessions:
            tracker.stored_events = len(tracker.events)
        return tracker

    def _additional_events(self: SQLTrackerStore, session: Any, tracker: Any) -> Any:
        stored = getattr(tracker, "stored_events", None)
        if stored is None:
            return additional_events(self, session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def _save(self: SQLTrackerStore, tracker: Any) -> None:
        await save(self, tracker)
        tracker.stored_events = len(tracker.events)

    SQLTrackerStore._retrieve = _retrieve  # type: ignore[method-assign]
    SQLTrackerStore._additional_events = _additional_events  # type: ignore[method-assign]
    SQLTrackerStore.save = _save  # type: ignore[method-assign]


def answer_each_message_once() -> None:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.processor import MessageProcessor

    handle_message = MessageProcessor.handle_message

    async def handle_once(
        self: MessageProcessor, message: UserMessage
    ) -> list[dict[str, Any]] | None:
        metadata = message.metadata or {}
        message_id, channel = metadata.get("client_message_id"), message.output_channel
        if message_id and metadata.get("retry") and isinstance(channel, CollectingOutputChannel):
            tracker = await self.tracker_store.retrieve(message.sender_id)
            replies = replies_to(list(tracker.events) if tracker else [], str(message_id))
            if replies is not None:
                for reply in replies:
                    await channel.send_response(message.sender_id, reply)
                return channel.messages
        return await handle_message(self, message)

    MessageProcessor.handle_message = handle_once  # type: ignore[method-assign]


# The keys of Rasa's structured log events that hold what a visitor wrote or what was said to
# them: Rasa's own list (``rasa.utils.log_utils._anonymizer``, used only by Rasa Pro).
VISITOR_DATA_KEYS = frozenset(
    {
        "text", "response_text", "user_text", "slot_values", "parse_data_text",
        "parse_data_entities", "prediction_events", "tracker_latest_message", "prefilled_slots",
        "message", "response", "slot_candidates", "rasa_event", "rasa_events", "tracker_states",
        "current_states", "old_states", "successes", "current_entity", "next_entity", "states",
        "entity", "token_text", "user_message", "json_message",
    }
)  # fmt: skip


def hide_visitor_data_in_logs() -> None:
    """Rasa's structured log events carry visitor data: a REST turn past its timeout logs the
    message itself. Law 25: no personal data in logs, so those values are replaced by their
    length before any output (Rasa calls its anonymiser first in every event's processing)."""
    from rasa.utils import log_utils

    def hide(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
        for key in VISITOR_DATA_KEYS & event.keys():
            event[key] = f"<hidden: {len(str(event[key]))} characters>"
        return event

    log_utils._anonymizer = hide  # type: ignore[assignment]


def main() -> int:
    from rasa.__main__ import main as rasa_main

    hide_visitor_data_in_logs()
    validate_responses_with_a_compiled_schema()
    answer_each_message_once()
    sqlite_tracker_store_with_one_connection()
    count_stored_events_once()
    sys.argv[0] = "rasa"
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
