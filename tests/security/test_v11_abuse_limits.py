"""V11.1.4 (anti-automation: limits per user and in total) and V13.4 for the public chat:
a burst from one client address is answered 429 with Retry-After after the documented limit
(``Settings`` and the README's Configuration table), while other clients are still served."""

from __future__ import annotations

from limits import parse
from sqlalchemy import func, select

from assistant.core.config import Settings
from assistant.core.i18n import t
from assistant.db.models import Message

MALLORY, ALICE = "203.0.113.66", "198.51.100.7"


def documented(limit: str) -> int:
    return parse(limit).amount


async def _visitor_messages(services) -> int:
    async with services.sessions() as session:
        query = select(func.count()).select_from(Message).where(Message.sender == "visitor")
        return int((await session.scalar(query)) or 0)


async def test_v11_1_4_a_burst_from_one_client_is_limited_while_another_is_served(
    client_at, fake_rasa, services, settings: Settings
):
    mallory, alice = client_at(MALLORY), client_at(ALICE)
    allowed = documented(settings.limit_messages_per_conversation)
    first = await mallory.post("/api/chat", json={"text": "Bonjour", "language": "en"})
    conversation = first.json()["conversation_id"]
    statuses = [first.status_code]
    for n in range(allowed):  # one more than the limit
        response = await mallory.post(
            "/api/chat",
            json={"text": f"spam {n}", "conversation_id": conversation, "language": "en"},
        )
        statuses.append(response.status_code)
    assert statuses == [200] * allowed + [429]
    assert 0 < int(response.headers["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "too_many_messages"
    assert error["message"] == t("too_many_messages", "en")  # the widget's language
    # The refused message reached neither Rasa nor the database.
    assert len(fake_rasa.calls) == allowed
    assert await _visitor_messages(services) == allowed

    served = await alice.post("/api/chat", json={"text": "Bonjour", "language": "fr"})
    assert served.status_code == 200


async def test_v11_1_4_conversations_started_per_client_address_are_limited(
    client_at, fake_rasa, settings: Settings
):
    mallory, alice = client_at(MALLORY), client_at(ALICE)
    allowed = documented(settings.limit_conversations_per_address)
    statuses = [
        (await mallory.post("/api/chat", json={"text": f"Bonjour {n}"})).status_code
        for n in range(allowed + 1)
    ]
    assert statuses == [200] * allowed + [429]
    refused = await mallory.post("/api/chat", json={"text": "Encore", "language": "fr"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.json()["error"]["message"] == t("too_many_conversations", "fr")
    assert (await alice.post("/api/chat", json={"text": "Bonjour"})).status_code == 200


async def test_v11_1_4_messages_per_client_address_count_across_conversations(
    client_at, fake_rasa, settings: Settings
):
    """Spreading a burst over conversations does not escape the per-address limit."""
    mallory = client_at(MALLORY)
    per_address = documented(settings.limit_messages_per_address)
    per_conversation = documented(settings.limit_messages_per_conversation)
    sent, conversation, statuses = 0, None, []
    while sent <= per_address:
        if sent % per_conversation == 0:
            conversation = None  # a new conversation before the per-conversation limit
        body = {"text": f"message {sent}", "conversation_id": conversation}
        response = await mallory.post("/api/chat", json=body)
        statuses.append(response.status_code)
        conversation = response.json().get("conversation_id") or conversation
        sent += 1
    assert statuses == [200] * per_address + [429]
    assert response.json()["error"]["code"] == "too_many_messages"
    assert "Retry-After" in response.headers


async def test_v11_1_4_without_a_language_the_limit_message_is_bilingual(
    client_at, fake_rasa, settings: Settings
):
    mallory = client_at(MALLORY)
    for n in range(documented(settings.limit_conversations_per_address)):
        await mallory.post("/api/chat", json={"text": f"Bonjour {n}"})
    message = (await mallory.post("/api/chat", json={"text": "x"})).json()["error"]["message"]
    assert t("too_many_conversations", "fr") in message
    assert t("too_many_conversations", "en") in message


async def test_v11_1_4_a_forwarded_for_header_does_not_lift_the_limit(
    client_at, fake_rasa, settings: Settings
):
    """The client address is the direct peer's: X-Forwarded-For is not believed."""
    mallory = client_at(MALLORY)
    allowed = documented(settings.limit_conversations_per_address)
    statuses = [
        (
            await mallory.post(
                "/api/chat",
                json={"text": f"Bonjour {n}"},
                headers={"X-Forwarded-For": f"192.0.2.{n}"},
            )
        ).status_code
        for n in range(allowed + 1)
    ]
    assert statuses[-1] == 429


async def test_v11_1_4_event_streams_per_conversation_and_address_are_limited(
    client_at, settings: Settings
):
    """Stream openings are counted before the conversation is even looked up, so probing
    ids is limited too; another address is still answered."""
    mallory, alice = client_at(MALLORY), client_at(ALICE)
    allowed = documented(settings.limit_event_streams_per_conversation)
    statuses = [
        (await mallory.get("/api/conversations/unknown-id/events")).status_code
        for _ in range(allowed + 1)
    ]
    assert statuses == [404] * allowed + [429]
    refused = await mallory.get("/api/conversations/unknown-id/events")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "too_many_streams"
    assert (await alice.get("/api/conversations/another-id/events")).status_code == 404


async def test_v11_1_4_event_streams_per_address_span_conversations(client_at, settings: Settings):
    mallory = client_at(MALLORY)
    allowed = documented(settings.limit_event_streams_per_address)
    statuses = [
        (await mallory.get(f"/api/conversations/id-{n}/events")).status_code
        for n in range(allowed + 1)
    ]
    assert statuses == [404] * allowed + [429]
