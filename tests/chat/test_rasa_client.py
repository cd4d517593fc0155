from __future__ import annotations

import time

import pytest

from assistant.chat.rasa_client import RasaClient, parse_turn
from assistant.core.errors import AssistantUnavailable


def test_text_and_custom_entries_become_messages_and_turn_metadata():
    turn = parse_turn(
        [
            {
                "recipient_id": "c",
                "text": "Work permits are issued by IRCC.",
                "buttons": [{"title": "Yes", "payload": "/affirm"}],
            },
            {
                "recipient_id": "c",
                "custom": {
                    "outcome": "answer",
                    "language": "en",
                    "kb_entries": ["talent-work-permit"],
                },
            },
        ]
    )
    assert turn.messages == [
        {
            "text": "Work permits are issued by IRCC.",
            "buttons": [{"title": "Yes", "payload": "/affirm"}],
        }
    ]
    assert (turn.outcome, turn.language, turn.kb_entries) == (
        "answer",
        "en",
        ["talent-work-permit"],
    )


def test_the_most_specific_outcome_names_a_multi_response_turn():
    turn = parse_turn(
        [
            {"custom": {"outcome": "smalltalk", "language": "fr"}},
            {"custom": {"outcome": "escalate", "language": "fr"}},
        ]
    )
    assert turn.outcome == "escalate"


def test_a_turn_without_metadata_has_no_outcome():
    assert parse_turn([{"text": "hello"}]).outcome is None


async def test_an_unreachable_rasa_fails_fast_with_a_domain_error():
    client = RasaClient("http://127.0.0.1:9", timeout=4.0, connect_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(AssistantUnavailable):
        await client.send("c1", "bonjour", "fr")
    assert time.monotonic() - started < 5
    assert await client.is_ready() is False
    await client.aclose()


async def test_the_visitor_s_message_id_travels_in_the_metadata_rasa_keeps():
    """Rasa stores the metadata on the user event: a retry finds the turn by this id."""
    import httpx

    seen: list[dict] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        import json

        seen.append(json.loads(request.content))
        return httpx.Response(200, json=[{"recipient_id": "c1", "text": "Bonjour!"}])

    client = RasaClient("http://rasa", timeout=4.0, connect_timeout=1.0)
    client._client = httpx.AsyncClient(base_url="http://rasa", transport=httpx.MockTransport(rasa))
    turn = await client.send("c1", "bonjour", "fr", message_id="m-42")
    await client.aclose()
    assert turn.messages[0]["text"] == "Bonjour!"
    assert seen[0]["metadata"] == {"language": "fr", "client_message_id": "m-42"}
