"""The visitor's live stream is pushed: a staff member's claim and reply reach an open widget
stream at once, though the stream's own poll comes only once a minute; idle, it queries
nothing."""

from __future__ import annotations

import asyncio
import time

from fastapi import FastAPI
from sqlalchemy import event

from assistant.services import Services
from tests.events.conftest import event_stream
from tests.staff.conftest import add_staff, open_case

PROMPT = 1.0  # seconds: the old per-second poll's worst case; pushed events come well before


async def test_a_claim_and_a_reply_reach_the_open_widget_stream_within_a_second(
    app: FastAPI, services: Services
):
    case = await open_case(services, conversation_id="conv-live")
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca", name="Agathe")
    async with event_stream(app, "/api/conversations/conv-live/events") as stream:
        assert stream.status == 200
        assert '"status": "bot"' in await stream.event("status")

        await services.cases.claim(case.id, agent.id)
        committed = time.monotonic()  # the write has returned: committed
        assert '"status": "handoff"' in await stream.event("status", PROMPT)
        assert time.monotonic() - committed < PROMPT

        await services.cases.reply(case.id, agent.id, "Bonjour, je suis Agathe.")
        committed = time.monotonic()  # the write has returned: committed
        frame = await stream.event("message", PROMPT)
        assert time.monotonic() - committed < PROMPT
        assert '"sender": "staff"' in frame and "Bonjour, je suis Agathe." in frame

        await services.cases.close(case.id, agent.id, "Répondu")
        assert '"status": "bot"' in await stream.event("status", PROMPT)


async def test_an_idle_stream_does_not_query_the_messages(app: FastAPI, services: Services):
    await open_case(services, conversation_id="conv-idle")
    reads: list[str] = []

    def count(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if "messages" in statement:
            reads.append(statement)

    async with event_stream(app, "/api/conversations/conv-idle/events") as stream:
        await stream.event("status")
        await asyncio.sleep(0.1)  # the first read, right after the status
        event.listen(services.engine.sync_engine, "before_cursor_execute", count)
        try:
            assert await stream.nothing_for(1.5)
        finally:
            event.remove(services.engine.sync_engine, "before_cursor_execute", count)
    assert reads == []  # the old stream read them once a second


async def test_a_message_in_another_conversation_does_not_reach_this_stream(
    app: FastAPI, services: Services
):
    mine = await open_case(services, conversation_id="conv-mine")
    other = await open_case(services, conversation_id="conv-other")
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca")
    await services.cases.claim(mine.id, agent.id)
    async with event_stream(app, "/api/conversations/conv-mine/events") as stream:
        await stream.event("status")
        await stream.event("message")  # "a person joined", from the claim
        await services.cases.claim(other.id, agent.id)
        await services.cases.reply(other.id, agent.id, "Pour l'autre personne")
        assert await stream.nothing_for(0.5)
