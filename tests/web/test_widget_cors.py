"""The widget embedded on another website may call the public chat API, and nothing else."""

from __future__ import annotations

import httpx
import pytest

from assistant.web.app import create_app

CITY = "https://www.ville.quebec.qc.ca"


async def test_the_chat_api_answers_a_page_of_another_origin(client, fake_rasa):
    preflight = await client.options(
        "/api/chat",
        headers={
            "Origin": CITY,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "credentials" not in " ".join(preflight.headers).lower()
    reply = await client.post("/api/chat", json={"text": "Bonjour"}, headers={"Origin": CITY})
    assert reply.status_code == 200
    assert reply.headers["access-control-allow-origin"] == "*"
    transcript = await client.get(
        f"/api/conversations/{reply.json()['conversation_id']}", headers={"Origin": CITY}
    )
    assert transcript.headers["access-control-allow-origin"] == "*"


async def test_the_staff_api_is_never_shared(client):
    response = await client.get("/api/staff/cases", headers={"Origin": CITY})
    assert "access-control-allow-origin" not in response.headers
    preflight = await client.options(
        "/api/staff/cases/1/claim",
        headers={"Origin": CITY, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


@pytest.mark.parametrize(("origin", "shared"), [(CITY, True), ("https://evil.example", False)])
async def test_a_configured_list_shares_with_those_websites_only(
    services, fake_rasa, origin, shared
):
    services.settings.widget_origins = f"{CITY}, https://quebec-international.example"
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        reply = await client.post("/api/chat", json={"text": "Bonjour"}, headers={"Origin": origin})
    assert reply.status_code == 200
    assert reply.headers.get("access-control-allow-origin") == (origin if shared else None)
