"""ASVS V14.4: security headers on every response of the real app."""

from __future__ import annotations

import httpx
import pytest
from fastapi.routing import APIRoute

from assistant.services import Services
from assistant.web.app import create_app

HTML_PAGES = ["/", "/?lang=en", "/demo", "/staff/login", "/docs", "/redoc", "/staff/nope"]


async def _get_all(client: httpx.AsyncClient, paths: list[str]) -> list[httpx.Response]:
    return [await client.get(path) for path in paths]


def _parameterless_get_routes(services: Services) -> list[str]:
    app = create_app(services)
    return [
        route.path
        for route in app.routes
        if isinstance(route, APIRoute) and "GET" in route.methods and "{" not in route.path
    ]


async def test_v14_4_3_every_html_page_has_a_content_security_policy(client, fake_rasa, services):
    for response in await _get_all(client, HTML_PAGES + _parameterless_get_routes(services)):
        if response.headers.get("content-type", "").startswith("text/html"):
            csp = response.headers.get("content-security-policy", "")
            assert "default-src 'self'" in csp, response.url
            assert "object-src 'none'" in csp, response.url


async def test_v14_4_4_every_response_is_nosniff(client, fake_rasa):
    responses = await _get_all(client, ["/", "/health", "/static/widget/widget.js", "/nope"])
    responses.append(await client.post("/api/chat", json={"text": "Bonjour"}))
    responses.append(await client.post("/api/chat", json={"text": "x" * 70_000}))  # 413
    responses.append(await client.get("/api/staff/cases"))  # 401
    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff", response.url


async def test_v14_4_6_no_referrer_leaves_the_public_pages_with_a_conversation_id(
    client, fake_rasa
):
    for response in await _get_all(client, ["/", "/demo", "/health", "/api/conversations/x"]):
        assert response.headers["referrer-policy"] == "no-referrer", response.url
    # The console keeps same-origin: under no-referrer, browsers send "Origin: null" with the
    # sign-in form, which the login CSRF check must refuse.
    staff = await client.get("/staff/login")
    assert staff.headers["referrer-policy"] == "same-origin"


async def test_v14_4_7_the_staff_console_cannot_be_framed(client, fake_rasa):
    for path in ["/staff/login", "/api/staff/cases", "/docs"]:
        response = await client.get(path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
    assert (await client.get("/staff/login")).headers["x-frame-options"] == "DENY"


async def test_v14_4_7_the_public_pages_keep_their_framing_and_the_widget_its_cors(
    client, fake_rasa
):
    chat_page = await client.get("/")
    assert "frame-ancestors" not in chat_page.headers["content-security-policy"]
    assert "x-frame-options" not in chat_page.headers
    demo = await client.get("/demo")
    assert "frame-ancestors 'self'" in demo.headers["content-security-policy"]
    reply = await client.post(
        "/api/chat", json={"text": "Bonjour"}, headers={"Origin": "https://www.example.org"}
    )
    assert reply.status_code == 200
    assert reply.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("environment", ["development", "production"])
async def test_v14_4_5_hsts_is_sent_in_production_only(services: Services, environment):
    services.settings = services.settings.model_copy(update={"environment": environment})
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        responses = await _get_all(client, ["/", "/health", "/staff/login"])
    for response in responses:
        hsts = response.headers.get("strict-transport-security")
        if environment == "production":
            assert hsts is not None and "max-age=31536000" in hsts
        else:
            assert hsts is None
