from __future__ import annotations

import httpx
import pytest

from assistant.web.actions import create_actions_app


def _action_call(
    action: str, text: str = "work permit", language: str = "en", entities=None
) -> dict:
    return {
        "next_action": action,
        "sender_id": "c1",
        "version": "3.6.21",
        "domain": {
            "intents": [],
            "entities": [],
            "slots": {},
            "responses": {},
            "actions": [],
            "forms": {},
        },
        "tracker": {
            "sender_id": "c1",
            "slots": {"language": language},
            "latest_message": {
                "text": text,
                "intent": {"name": "talent", "confidence": 0.9},
                "entities": entities or [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


@pytest.fixture
async def actions_client(services):
    transport = httpx.ASGITransport(app=create_actions_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://actions") as client:
        yield client


async def test_rasa_calls_without_the_token_are_refused(actions_client):
    response = await actions_client.post(
        "/webhook?token=wrong", json=_action_call("action_route")
    )
    assert response.status_code == 403


async def test_an_action_call_runs_the_action_with_the_live_knowledge_base(
    actions_client, services
):
    token = services.settings.action_endpoint_token
    response = await actions_client.post(
        f"/webhook?token={token}",
        json=_action_call(
            "action_route",
            entities=[{"entity": "kb_entry", "value": "events-congress-centre"}],
        ),
    )
    assert response.status_code == 200
    [message] = response.json()["responses"]
    assert message["text"].startswith("The Centre des congrès de Québec hosts congresses.")
    assert message["custom"] == {
        "outcome": "answer",
        "language": "en",
        "kb_entries": ["events-congress-centre"],
    }


async def test_an_unknown_action_is_a_404(actions_client, services):
    token = services.settings.action_endpoint_token
    response = await actions_client.post(
        f"/webhook?token={token}", json=_action_call("action_nope")
    )
    assert response.status_code == 404


async def test_behind_a_balancer_the_routing_action_waits_for_this_process_s_kb(services):
    """make run-cluster: a restarting app refuses the routing action with a 503 (nginx sends
    it to the other app) instead of telling the visitor the KB is unavailable."""
    services.settings.actions_wait_for_kb = True
    kb, services.kb = services.kb, None  # this process's KB still loading
    transport = httpx.ASGITransport(app=create_actions_app(services))
    token = services.settings.action_endpoint_token
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://actions") as client:
            refused = await client.post(
                f"/webhook?token={token}", json=_action_call("action_route")
            )
            services.kb = kb  # loaded: the same call is answered
            answered = await client.post(
                f"/webhook?token={token}", json=_action_call("action_route")
            )
    finally:
        services.kb = kb
    assert refused.status_code == 503 and refused.json()["action_name"] == "action_route"
    assert answered.status_code == 200 and answered.json()["responses"]
