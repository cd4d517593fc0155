"""V11.1.4 for what a visitor's request costs the Bureau: cases created per conversation and
per client address, and acknowledgement emails per recipient address (the visitor's copy
can otherwise be aimed at anyone's mailbox)."""

from __future__ import annotations

import pytest
from limits import parse
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.escalation.outcome import ActionSubmitEscalation
from assistant.cases.service import NewCase
from assistant.chat.limits import EscalationsLimited
from assistant.core.i18n import t
from assistant.db.models import Case, OutboxEmail
from tests.actions.conftest import make_tracker

VICTIM = "victim@example.org"


def documented(limit: str) -> int:
    return parse(limit).amount


async def _count(services, model, *where) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _conversation(client_at, address: str) -> str:
    response = await client_at(address).post("/api/chat", json={"text": "Bonjour"})
    return str(response.json()["conversation_id"])


def _case(conversation_id: str | None, email: str | None = None) -> NewCase:
    return NewCase(conversation_id=conversation_id, language="fr", name="V", email=email)


async def test_v11_1_4_escalations_per_conversation_are_limited(
    client_at, fake_rasa, services, settings
):
    conversation = await _conversation(client_at, "203.0.113.66")
    allowed = documented(settings.limit_escalations_per_conversation)
    for _ in range(allowed):
        await services.cases.create(_case(conversation))
    with pytest.raises(EscalationsLimited) as refused:
        await services.cases.create(_case(conversation))
    assert refused.value.retry_after > 0
    assert await _count(services, Case) == allowed  # no case beyond the limit
    other = await _conversation(client_at, "198.51.100.7")
    await services.cases.create(_case(other))  # another visitor is served
    assert await _count(services, Case) == allowed + 1


async def test_v11_1_4_escalations_per_client_address_count_across_conversations(
    client_at, fake_rasa, services, settings
):
    allowed = documented(settings.limit_escalations_per_address)
    for _ in range(allowed):
        await services.cases.create(_case(await _conversation(client_at, "203.0.113.66")))
    fresh = await _conversation(client_at, "203.0.113.66")
    with pytest.raises(EscalationsLimited):
        await services.cases.create(_case(fresh))
    await services.cases.create(_case(await _conversation(client_at, "198.51.100.7")))
    assert await _count(services, Case) == allowed + 1


async def test_v11_1_4_over_the_escalation_limit_the_visitor_is_told_and_no_case_is_made(
    client_at, fake_rasa, services, settings
):
    conversation = await _conversation(client_at, "203.0.113.66")
    for _ in range(documented(settings.limit_escalations_per_conversation)):
        await services.cases.create(_case(conversation))
    before = await _count(services, Case)
    tracker = make_tracker("Envoyer", language="en", slots={"consent": True, "summary": "x"})
    tracker.sender_id = conversation
    dispatcher = CollectingDispatcher()
    await ActionSubmitEscalation(services.cases).run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [t("too_many_escalations", "en")]
    assert await _count(services, Case) == before


async def test_v11_1_4_acknowledgements_per_recipient_are_limited_but_cases_still_reach_the_bureau(
    services, settings
):
    allowed = documented(settings.limit_acknowledgements_per_recipient)
    for n in range(allowed + 2):
        email = VICTIM if n % 2 else VICTIM.upper()  # the same mailbox, however it is typed
        await services.cases.create(_case(None, email=email))
    assert await _count(services, Case) == allowed + 2
    bureau = OutboxEmail.kind == "case"
    assert await _count(services, OutboxEmail, bureau) == allowed + 2
    to_victim = func.lower(OutboxEmail.to_address) == VICTIM
    assert await _count(services, OutboxEmail, OutboxEmail.kind == "acknowledgement", to_victim) == (
        allowed
    )
    await services.cases.create(_case(None, email="someone.else@example.org"))
    others = OutboxEmail.to_address == "someone.else@example.org"
    assert await _count(services, OutboxEmail, others) == 1
    # the limiter counts under a keyed digest: the address is not kept in its storage
    held = repr(vars(services.limits._storage)).casefold()
    assert "example" in VICTIM and VICTIM.split("@")[0] not in held and "example.org" not in held
