from __future__ import annotations

import time


async def test_a_message_gets_a_reply_in_the_contract_shape(client, fake_rasa):
    response = await client.post("/api/chat", json={"text": "Bonjour", "language": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"conversation_id", "language", "outcome", "kb_entries", "messages"}
    assert body["outcome"] == "smalltalk" and body["language"] == "fr"
    assert body["messages"] == [{"text": "Bonjour!", "buttons": []}]


async def test_an_empty_conversation_id_starts_a_new_conversation(client, fake_rasa):
    first = (await client.post("/api/chat", json={"text": "a", "conversation_id": ""})).json()
    second = (await client.post("/api/chat", json={"text": "b", "conversation_id": ""})).json()
    assert first["conversation_id"] and first["conversation_id"] != second["conversation_id"]


async def test_empty_blank_and_overlong_messages_get_a_clear_422(client, fake_rasa):
    for text in ["", "   ", "x" * 2001]:
        response = await client.post("/api/chat", json={"text": text})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "invalid_request"
        assert "2000" in error["message"] and "text" in error["message"]
    assert fake_rasa.calls == []


async def test_malformed_json_and_wrong_types_get_a_422(client, fake_rasa):
    response = await client.post(
        "/api/chat", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    response = await client.post("/api/chat", json={"text": "hi", "language": "de"})
    assert response.status_code == 422


async def test_a_payload_our_buttons_never_send_is_refused(client, fake_rasa):
    response = await client.post("/api/chat", json={"text": "/restart"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_payload"
    assert fake_rasa.calls == []


async def test_an_unknown_conversation_gets_a_404(client, fake_rasa):
    response = await client.post("/api/chat", json={"text": "hi", "conversation_id": "nope"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "conversation_not_found"


async def test_rasa_down_gives_a_bilingual_503_within_5_seconds_and_keeps_the_message(
    client, services
):
    started = time.monotonic()
    response = await client.post(
        "/api/chat", json={"text": "Bonjour, je veux investir", "client_message_id": "m1"}
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    error = response.json()["error"]
    assert error["code"] == "assistant_unavailable"
    assert (
        "conservé" in error["message"] and "kept" not in error["message"]
    )  # the conversation's language
    transcript = (await client.get(f"/api/conversations/{error['conversation_id']}")).json()
    assert [m["text"] for m in transcript["messages"]] == ["Bonjour, je veux investir"]


async def test_without_a_language_the_unavailable_message_is_in_both_languages(client, services):
    response = await client.post("/api/chat", json={"text": "hello"})
    message = response.json()["error"]["message"]
    # new conversations default to French, and the hint was absent: French first
    assert "conservé" in message


async def test_health_names_the_component_that_is_not_ready(client, services):
    response = await client.get("/health")
    assert response.status_code == 503
    components = response.json()["components"]
    assert components["rasa"]["ready"] is False
    assert components["database"]["ready"] is True
    assert components["knowledge_base"] == {"ready": True, "entries": 3, "last_reload_error": None}


async def test_the_openapi_schema_documents_the_chat_contract(client):
    schema = (await client.get("/openapi.json")).json()
    operation = schema["paths"]["/api/chat"]["post"]
    assert {"200", "404", "422", "503"} <= set(operation["responses"])
    outcome = schema["components"]["schemas"]["ChatResponse"]["properties"]["outcome"]
    assert set(outcome["enum"]) == {
        "answer",
        "clarify",
        "escalate",
        "form",
        "handoff",
        "out_of_scope",
        "fallback",
        "smalltalk",
    }


async def test_the_chat_page_is_served_in_french_by_default_and_in_english_on_request(client):
    french = await client.get("/")
    assert french.status_code == 200 and '<html lang="fr">' in french.text
    assert "Content-Security-Policy" in french.headers
    english = await client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Ask the assistant" in english.text
    assert "Posez vos questions" in french.text
    assert '<script src="/static/widget/widget.js"' in english.text


async def test_live_events_push_staff_messages_and_the_handoff_status(client, services, fake_rasa):
    from assistant.chat.events import conversation_events
    from assistant.db.models import Conversation, Message

    conversation_id = (await client.post("/api/chat", json={"text": "Bonjour"})).json()[
        "conversation_id"
    ]
    async with services.sessions() as session:
        conversation = await session.get(Conversation, conversation_id)
        conversation.status = "handoff"
        session.add(
            Message(
                conversation_id=conversation_id, sender="system", text="Une personne s'est jointe."
            )
        )
        session.add(
            Message(
                conversation_id=conversation_id,
                sender="staff",
                text="<b>Bonjour</b>, je suis Marie.",
            )
        )
        await session.commit()
    events = conversation_events(
        services.sessions, conversation_id, 0, poll_seconds=0.01, max_seconds=0.05
    )
    frames = [frame async for frame in events]
    assert frames[0] == 'event: status\ndata: {"status": "handoff"}\n\n'
    pushed = [f for f in frames if f.startswith("id:")]
    assert len(pushed) == 2
    assert '"sender": "staff"' in pushed[1] and "<b>Bonjour</b>, je suis Marie." in pushed[1]
    assert "Bonjour!" not in "".join(frames)  # bot replies come with the POST, not the stream


async def test_live_events_for_an_unknown_conversation_are_a_404(client):
    response = await client.get("/api/conversations/nope/events")
    assert response.status_code == 404


async def test_feedback_on_an_answer_is_recorded_with_the_question_it_answered(
    client, services, fake_rasa
):
    from sqlalchemy import select

    from assistant.db.models import Feedback

    fake_rasa.reply = [
        {"text": "Work permits are issued by IRCC."},
        {"custom": {"outcome": "answer", "language": "en", "kb_entries": ["talent-work-permit"]}},
    ]
    reply = (await client.post("/api/chat", json={"text": "work permit?"})).json()
    for value in ("up", "down"):  # a second vote replaces the first
        response = await client.post(
            "/api/feedback",
            json={
                "conversation_id": reply["conversation_id"],
                "kb_entry": "talent-work-permit",
                "value": value,
            },
        )
        assert response.status_code == 204
    async with services.sessions() as session:
        rows = (await session.execute(select(Feedback))).scalars().all()
    assert [(f.kb_entry, f.value, f.question) for f in rows] == [
        ("talent-work-permit", "down", "work permit?")
    ]
    bad = await client.post(
        "/api/feedback", json={"conversation_id": "nope", "kb_entry": "x", "value": "up"}
    )
    assert bad.status_code == 404


async def test_the_transcript_gives_each_messages_language_and_the_answers_entries(
    client, fake_rasa
):
    fake_rasa.reply = [
        {"recipient_id": "x", "text": "A work permit…"},
        {
            "recipient_id": "x",
            "custom": {"outcome": "answer", "language": "en", "kb_entries": ["talent-work-permit"]},
        },
    ]
    reply = (await client.post("/api/chat", json={"text": "work permit?"})).json()
    transcript = (await client.get(f"/api/conversations/{reply['conversation_id']}")).json()
    visitor, bot = transcript["messages"]
    assert (visitor["sender"], visitor["language"]) == ("visitor", "en")
    assert (bot["language"], bot["outcome"], bot["kb_entries"]) == (
        "en",
        "answer",
        ["talent-work-permit"],
    )
