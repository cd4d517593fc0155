from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiohttp import web

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
    seen: list[dict] = []

    async def webhook(request: web.Request) -> web.Response:
        seen.append(await request.json())
        return web.json_response([{"recipient_id": "c1", "text": "Bonjour!"}])

    async with _rasa_at_hand(webhook) as url:
        client = RasaClient(url, timeout=4.0, connect_timeout=1.0)
        turn = await client.send("c1", "bonjour", "fr", message_id="m-42")
        await client.aclose()
    assert turn.messages[0]["text"] == "Bonjour!"
    assert seen[0]["metadata"] == {"language": "fr", "client_message_id": "m-42"}


async def test_a_rasa_that_answers_an_error_or_no_list_is_unavailable():
    replies = iter([web.Response(status=500), web.json_response({"not": "a list"})])

    async def webhook(_request: web.Request) -> web.Response:
        return next(replies)

    async with _rasa_at_hand(webhook) as url:
        client = RasaClient(url, timeout=4.0, connect_timeout=1.0)
        for _ in range(2):
            with pytest.raises(AssistantUnavailable):
                await client.send("c1", "bonjour", "fr")
        await client.aclose()


@asynccontextmanager
async def _rasa_at_hand(webhook) -> AsyncIterator[str]:
    """A stand-in for Rasa's REST channel on a loopback port."""
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
