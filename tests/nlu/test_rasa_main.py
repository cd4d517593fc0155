"""Rasa, as the launcher starts it, validates the action server's responses as before, with
the schema compiled once (run in the Rasa environment)."""

from __future__ import annotations

import pytest

from tests.nlu.test_components import run_in_rasa

pytestmark = pytest.mark.rasa

_SCRIPT = r"""
import json, jsonschema
from assistant.nlu.rasa_main import validate_responses_with_a_compiled_schema
from rasa.core.actions.action import RemoteAction
validate_responses_with_a_compiled_schema()
validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
check_schema = validator_class.check_schema
def no_schema_check(*args, **kwargs):
    raise AssertionError("the schema was checked again")
validator_class.check_schema = no_schema_check
action = RemoteAction("action_route", None)
out = {}
valid = {
    "events": [{"event": "slot", "name": "kb_misses", "value": 0, "timestamp": None}],
    "responses": [{"text": "Le courriel du Bureau : international@ville.quebec.qc.ca"}],
}
out["valid"] = action._validate_action_result(valid)
validator_class.check_schema = check_schema  # an invalid response goes through Rasa's check
try:
    action._validate_action_result({"events": [{"name": "no event type"}], "responses": "x"})
    out["invalid"] = "accepted"
except jsonschema.ValidationError as error:
    out["invalid"] = error.message
print(json.dumps(out))
"""


def test_responses_are_validated_as_rasa_does_without_rechecking_the_schema():
    out = run_in_rasa(_SCRIPT)
    assert out["valid"] is True
    assert "Failed to validate Action server response" in out["invalid"]


_REPLAY = r"""
import json
from assistant.nlu.rasa_main import replies_to
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
buttons = [{"title": "Pour travail", "payload": "/choose"}]
events = [
    UserUttered("c'est quoi le CAQ", metadata={"client_message_id": "m-1"}),
    BotUttered("Le CAQ pour études ou pour travail?", {"buttons": buttons}),
    ActionExecuted("action_listen"),
    UserUttered("ok", metadata={"client_message_id": "m-2"}),
]
print(json.dumps({
    "answered": replies_to(events, "m-1"),
    "running": replies_to(events, "m-2"),  # no action_listen yet: not finished
    "unknown": replies_to(events, "m-3"),
}))
"""


def test_a_message_rasa_already_answered_gets_the_same_replies_from_the_tracker():
    out = run_in_rasa(_REPLAY)
    assert out["answered"] == [
        {
            "text": "Le CAQ pour études ou pour travail?",
            "buttons": [{"title": "Pour travail", "payload": "/choose"}],
        }
    ]
    assert out["running"] is None and out["unknown"] is None


_LOGS = r"""
import io, json, logging
import structlog
from assistant.nlu.rasa_main import hide_visitor_data_in_logs
from rasa.utils.log_utils import configure_structlog
hide_visitor_data_in_logs()
configure_structlog(logging.INFO)
captured = io.StringIO()
logging.getLogger().addHandler(logging.StreamHandler(captured))
structlog.get_logger().error(
    "rest.message.received.timeout", text="Je suis Ana García, ana.garcia@example.org"
)
print(json.dumps({"log": captured.getvalue()}))
"""


def test_rasa_logs_a_turn_past_its_timeout_without_the_visitors_message():
    log = run_in_rasa(_LOGS)["log"]
    assert "rest.message.received.timeout" in log
    assert "ana.garcia@example.org" not in log and "García" not in log


_TRACKER_STORE = r"""
import asyncio, json, sys, tempfile
from assistant.nlu import rasa_main
rasa_main.sqlite_tracker_store_with_one_connection()
rasa_main.count_stored_events_once()
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

counted = []
query = SQLTrackerStore._event_query
def counting(self, session, sender_id, fetch_events_from_all_sessions):
    counted.append(sender_id)
    return query(self, session, sender_id, fetch_events_from_all_sessions)
SQLTrackerStore._event_query = counting

def turn(tracker, number):
    tracker.update(UserUttered(f"question {number}", metadata={"client_message_id": f"m-{number}"}))
    tracker.update(BotUttered(f"réponse {number}"))
    tracker.update(ActionExecuted("action_listen"))

async def main():
    folder = tempfile.mkdtemp()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=f"{folder}/trackers.db")
    tracker = await store.get_or_create_tracker("c1")  # new: created and saved
    for number in range(3):  # one tracker object saved turn after turn
        turn(tracker, number)
        await store.save(tracker)
    counted.clear()
    for number in range(3, 6):  # a tracker loaded for each turn, as Rasa does
        tracker = await store.retrieve("c1")
        turn(tracker, number)
        await store.save(tracker)
    loaded_counts = list(counted)  # the loads' own queries only
    tracker = await store.retrieve("c1")
    tracker.update(SessionStarted())  # a new session: only its events are loaded next time
    turn(tracker, 6)
    await store.save(tracker)
    tracker = await store.retrieve("c1")
    turn(tracker, 7)
    await store.save(tracker)
    with store.session_scope() as session:
        rows = session.query(SQLTrackerStore.SQLEvent).count()
        mode = session.execute(__import__("sqlalchemy").text("PRAGMA journal_mode")).scalar()
    latest = await store.retrieve("c1")
    print(json.dumps({
        "rows": rows,
        "events": len((await store.retrieve_full_tracker("c1")).events),
        "texts": [e.text for e in latest.events if isinstance(e, UserUttered)],
        "queries_per_loaded_turn": len(loaded_counts) / 3,
        "journal": mode,
        "pool": type(store.engine.pool).__name__,
    }))
asyncio.run(main())
"""


def test_the_sqlite_tracker_store_keeps_a_connection_and_counts_each_event_once():
    """Every event stored once and loaded back in order, whether the tracker was kept, loaded
    or started a new session; a loaded tracker's save runs no count."""
    out = run_in_rasa(_TRACKER_STORE)
    assert out["rows"] == out["events"] == 1 + 8 * 3 + 1  # action_listen, 8 turns, a session
    assert out["texts"] == ["question 6", "question 7"]
    assert out["queries_per_loaded_turn"] == 1  # the load's query; the save's count is gone
    assert (out["journal"], out["pool"]) == ("wal", "QueuePool")
