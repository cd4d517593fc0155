"""The cluster under faults (``make run-cluster``'s topology on free ports): twenty visitors
chat through nginx for a minute — KB questions, and escalation forms carried through to a case
and its emails — while one app process and one Rasa process are killed (SIGKILL) and started
again. Every message gets its reply (a 503 or a cut connection first, then the reply on a retry
with the same ``client_message_id``), every form goes on to its case, no email is sent twice,
no staff/system message is written twice, and Rasa never runs one visitor message twice."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select

from assistant import launcher
from assistant.db.engine import create_engine, session_factory
from assistant.db.models import Case, Message
from assistant.privacy.rasa_trackers import RasaTrackers
from tests.cluster.drive import VISITORS, Figures, Visitor, ask_questions, carry_form_through

pytestmark = [pytest.mark.slow, pytest.mark.rasa]

DURATION = 60  # seconds of traffic
CONVERSATIONS = 20
FORMS = len(VISITORS)  # the other fifteen ask KB questions
KILL_APP_AT, KILL_RASA_AT = 12, 27
FORM_EVERY = 8  # seconds between two forms' first messages: some are half-way at each kill


async def _drive(cluster, figures: Figures, events: list[str]) -> None:
    async with httpx.AsyncClient(base_url=cluster.url, trust_env=False) as client:
        start = time.monotonic()
        until = start + DURATION

        async def form(number: int) -> None:
            await asyncio.sleep(number * FORM_EVERY)
            await carry_form_through(Visitor(client, figures, 120), VISITORS[number])

        async def faults() -> None:
            await asyncio.sleep(KILL_APP_AT)
            cluster.kill_app(0)
            events.append(f"{time.monotonic() - start:.0f} s: app 1 killed (SIGKILL), restarted")
            await asyncio.to_thread(cluster.start_app, 0, wait=False)
            await asyncio.sleep(KILL_RASA_AT - KILL_APP_AT)
            cluster.kill_rasa(1)
            events.append(f"{time.monotonic() - start:.0f} s: Rasa 2 killed (SIGKILL), restarted")
            await asyncio.to_thread(cluster.start_rasa, 1, wait=False)

        await asyncio.gather(
            faults(),
            *(form(n) for n in range(FORMS)),
            *(
                ask_questions(Visitor(client, figures, 120), n, until)
                for n in range(CONVERSATIONS - FORMS)
            ),
        )


async def _stored(cluster, conversations: list[str]) -> dict[str, object]:
    engine = create_engine(cluster.database_url())
    sessions = session_factory(engine)
    try:
        async with sessions() as session:
            repeated = await session.execute(
                select(Message.conversation_id, Message.text, func.count())
                .where(Message.sender.in_(("system", "staff")))
                .group_by(Message.conversation_id, Message.text)
                .having(func.count() > 1)
            )
            cases = Counter((await session.execute(select(Case.conversation_id))).scalars().all())
            unanswered = await session.execute(
                select(func.count())
                .select_from(Message)
                .where(
                    Message.sender == "visitor",
                    Message.payload.is_(None),
                    Message.conversation_id.in_(conversations),
                )
            )
            return {
                "repeated_messages": list(repeated.all()),
                "cases": cases,
                "unanswered": unanswered.scalar_one(),
            }
    finally:
        await engine.dispose()


def _rasa_ran_twice(cluster, conversations: list[str]) -> list[str]:
    events = asyncio.run(RasaTrackers(cluster.tracker_url()).events_of(conversations))
    ids = Counter(
        (e.data.get("metadata") or {}).get("client_message_id")
        for e in events
        if e.type_name == "user"
    )
    return [message_id for message_id, count in ids.items() if message_id and count > 1]


@pytest.mark.timeout(1500)  # a hang fails the test: the fixture stops every process
def test_every_message_is_answered_once_while_an_app_and_a_rasa_are_killed(running_cluster, capsys):
    cluster, mailbox = running_cluster.cluster, running_cluster.mailbox
    figures, events = Figures(), []
    asyncio.run(_drive(cluster, figures, events))

    # both restarted processes come back and serve again
    cluster.wait_app(0, 300)
    rasa_port = cluster.ports.nginx.rasas[1]
    launcher.wait_until(f"http://127.0.0.1:{rasa_port}/", cluster.rasas[1], "Rasa 2", 300)

    # each case's brief to the Bureau and the visitor's copy, once each
    for reference in figures.references.values():
        mailbox.wait_for(reference, timeout=60, count=2)
    time.sleep(5)  # a duplicate would be sent by now (outbox polled every 0.5 s)
    sent = Counter(
        (m["Subject"], m["To"]) for m in mailbox.messages if "BRI-" in (m["Subject"] or "")
    )
    duplicate_emails = sum(count - 1 for count in sent.values())
    message_ids = Counter(m["Message-ID"] for m in mailbox.messages)
    stored = asyncio.run(_stored(cluster, figures.conversations))
    ran_twice = _rasa_ran_twice(cluster, figures.conversations)
    opened_twice = [conversation for conversation, n in stored["cases"].items() if n > 1]

    with capsys.disabled():
        print(
            f"\ncluster under faults ({CONVERSATIONS} conversations, {DURATION} s): "
            f"{figures.summary()}; {'; '.join(events)} (kills 2, restarts 2); emails {len(mailbox.messages)}, "
            f"duplicate emails {duplicate_emails}, duplicate staff/system messages "
            f"{len(stored['repeated_messages'])}, messages Rasa ran twice {len(ran_twice)}, "
            f"conversations with two cases {len(opened_twice)}"
        )

    assert figures.unanswered == [], figures.unanswered
    assert figures.turns == figures.sent
    assert figures.form_errors == [], figures.form_errors
    assert figures.forms_completed == FORMS
    assert figures.turns >= 100  # twenty visitors kept chatting through both faults
    assert len(events) == 2
    assert duplicate_emails == 0 and max(message_ids.values()) == 1
    for reference in figures.references.values():  # a brief and a copy per case
        assert len([m for m in mailbox.messages if reference in m["Subject"]]) == 2
    assert stored["repeated_messages"] == []
    assert opened_twice == []  # a form's turn run again finds its case (cases/service.py)
    assert set(figures.references) <= set(stored["cases"])
    assert stored["unanswered"] == 0  # every stored visitor message has its reply stored
    assert ran_twice == []
