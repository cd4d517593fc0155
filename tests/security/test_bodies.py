"""ASVS V12.1.1 / V7.4.1: bodies over the limit are refused before anything parses them, on
every route (the sign-in form included); a database error never reaches a client raw."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.exc import IntegrityError

from assistant.db.models import Conversation
from assistant.services import Services
from assistant.web.app import create_app

LIMIT = 64 * 1024
TOO_LARGE = "x" * (LIMIT + 1)


def _refused_as_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "body_too_large"
    assert "trop volumineuse" in error["message"] and "too large" in error["message"]


async def _chunks(total: int, size: int = 8192) -> AsyncIterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


async def test_v12_1_1_the_default_limit_is_64_kb(services: Services):
    assert services.settings.max_body_bytes == LIMIT


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/api/chat", "json"),
        ("/api/feedback", "json"),
        ("/staff/login", "form"),
        ("/api/staff/cases/1/reply", "json"),
        ("/api/staff/kb/entries", "json"),
        ("/no-such-route", "json"),
    ],
)
async def test_v12_1_1_a_body_over_the_limit_is_a_413_on_every_route(client, fake_rasa, path, kind):
    if kind == "form":
        response = await client.post(path, data={"email": "a@b.c", "password": TOO_LARGE})
    else:
        response = await client.post(path, json={"text": TOO_LARGE})
    _refused_as_too_large(response)
    assert fake_rasa.calls == []


async def test_v12_1_1_a_streamed_body_without_length_is_cut_at_the_limit(client, fake_rasa):
    response = await client.post(
        "/api/chat", content=_chunks(10 * LIMIT), headers={"content-type": "application/json"}
    )
    _refused_as_too_large(response)
    assert fake_rasa.calls == []


async def test_v12_1_1_a_body_under_the_limit_is_served(client, fake_rasa):
    response = await client.post("/api/chat", json={"text": "Bonjour"})
    assert response.status_code == 200
    streamed = await client.post(
        "/api/chat",
        content=_chunks(100),
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 422  # read whole and parsed: not JSON, not a 413


async def test_v7_4_1_a_database_conflict_is_a_409_without_the_statement_or_its_values(
    services: Services,
):
    secret_value = "conv-visitor-alice@example.com"
    async with services.sessions() as session, session.begin():
        session.add(Conversation(id=secret_value, language="fr"))
    app = create_app(services)

    @app.post("/test-duplicate")
    async def duplicate() -> None:
        async with services.sessions() as session, session.begin():
            session.add(Conversation(id=secret_value, language="fr"))

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/test-duplicate")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    for leak in (secret_value, "INSERT", "Traceback", "sqlite"):
        assert leak not in response.text


async def test_v7_4_1_database_errors_do_not_carry_bound_values(services: Services):
    secret_value = "conv-bound-value-bob@example.com"
    async with services.sessions() as session, session.begin():
        session.add(Conversation(id=secret_value, language="fr"))
    with pytest.raises(IntegrityError) as raised:
        async with services.sessions() as session, session.begin():
            session.add(Conversation(id=secret_value, language="fr"))
    assert secret_value not in str(raised.value)
