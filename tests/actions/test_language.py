from __future__ import annotations

import pytest

from actions.fallback import ActionNotUnderstood
from actions.language import ActionSwitchLanguage
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize(
    ("text", "current", "entities", "expected"),
    [
        ("can we speak english", "fr", [{"entity": "requested_language", "value": "en"}], "en"),
        ("en français svp", "en", [], "fr"),
        ("other language please", "fr", [], "en"),
        ("autre langue", "en", [], "fr"),
    ],
)
async def test_switching_sets_the_slot_and_confirms_in_the_new_language(
    dispatcher, text, current, entities, expected
):
    events = await ActionSwitchLanguage().run(
        dispatcher, make_tracker(text, language=current, entities=entities), {}
    )
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": expected}]
    [message] = dispatcher.messages
    assert message["custom"] == {"outcome": "smalltalk", "language": expected}
    assert message["text"].startswith("Sure" if expected == "en" else "D'accord")


async def test_not_understood_asks_to_rephrase_and_forgets_the_message(dispatcher):
    events = await ActionNotUnderstood().run(dispatcher, make_tracker("???", language="en"), {})
    assert events == [{"event": "rewind", "timestamp": None}]
    assert dispatcher.messages[0]["custom"] == {"outcome": "fallback", "language": "en"}
