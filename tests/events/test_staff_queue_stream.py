"""The staff queue page's live stream: a new case, a claim, a close reach an open queue page
at once; only signed-in staff may open it."""

from __future__ import annotations

import time

from fastapi import FastAPI

from assistant.services import Services
from tests.events.conftest import event_stream
from tests.staff.conftest import Clients, add_staff, open_case


async def test_new_and_claimed_cases_reach_the_open_queue_page_at_once(
    app: FastAPI, services: Services, clients: Clients
):
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca")
    signed_in = await clients.sign_in(agent)
    async with event_stream(app, "/api/staff/cases/events", signed_in.http) as stream:
        assert stream.status == 200
        assert (await stream.frame()).startswith("retry:")

        case = await open_case(services, conversation_id="conv-queue")
        committed = time.monotonic()  # the write has returned: committed
        assert await stream.event("cases") == "event: cases\ndata: {}\n\n"  # no personal data
        assert time.monotonic() - committed < 1.0
        listed = (await signed_in.get("/api/staff/cases")).json()["cases"]
        assert [item["reference"] for item in listed] == [case.reference]

        await services.cases.claim(case.id, agent.id)
        await stream.event("cases")
        listed = (await signed_in.get("/api/staff/cases")).json()["cases"]
        assert listed[0]["status"] == "claimed"


async def test_the_queue_stream_needs_a_signed_in_staff_member(
    app: FastAPI, services: Services, clients: Clients
):
    async with event_stream(app, "/api/staff/cases/events") as stream:
        assert stream.status == 401
    agent = await add_staff(services, "agathe@ville.quebec.qc.ca")
    signed_in = await clients.sign_in(agent)
    assert (await signed_in.submit("/staff/logout")).status_code == 303
    async with event_stream(app, "/api/staff/cases/events", signed_in.http) as stream:
        assert stream.status == 401  # a signed-out session's cookie opens nothing
