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
