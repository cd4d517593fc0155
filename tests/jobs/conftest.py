"""Jobs across processes: every test on SQLite and on a throwaway PostgreSQL server, with
"processes" that each have their own engine (own connection pool) on the one database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases.service import CaseService, NewCase
from assistant.db.engine import create_engine, session_factory
from assistant.db.models import Case, Conversation, Message
from assistant.services import Services
from tests.postgres import settings  # noqa: F401  (both databases, whatever --database says)

Sessions = async_sessionmaker[AsyncSession]
OpenSessions = Callable[[], Awaitable[Sessions]]


@pytest.fixture
async def own_sessions(services: Services) -> AsyncIterator[OpenSessions]:
    """``await own_sessions()``: a new engine on the test's database, as another app process
    would have (the schema exists: ``services`` made it)."""
    async with AsyncExitStack() as stack:

        async def make() -> Sessions:
            engine = create_engine(services.settings.database_url)
            stack.push_async_callback(engine.dispose)
            return session_factory(engine)

        yield make


async def add_case(
    sessions: Sessions, number: int, *, minutes_old: float = 10, language: str = "fr"
) -> Case:
    """A new case waiting in the queue for ``minutes_old``, with its visitor's conversation."""
    conversation_id = f"conv-{number}"
    async with sessions() as session, session.begin():
        session.add(Conversation(id=conversation_id, language=language))
        session.add(Message(conversation_id=conversation_id, sender="visitor", text="Bonjour"))
        await session.flush()  # the conversation before the case that refers to it
        case = Case(
            reference=f"BRI-TEST-{number:04d}",
            conversation_id=conversation_id,
            language=language,
            summary="Visite officielle",
            created_at=datetime.now(UTC) - timedelta(minutes=minutes_old),
        )
        session.add(case)
    return case


async def system_texts(sessions: Sessions, conversation_id: str) -> list[str]:
    """What the visitor's chat shows from the system, in order."""
    async with sessions() as session:
        query = (
            select(Message.text)
            .where(Message.conversation_id == conversation_id, Message.sender == "system")
            .order_by(Message.id)
        )
        return list((await session.execute(query)).scalars())


async def set_due(sessions: Sessions, name: str, moment: datetime) -> None:
    """The job ``name`` due at ``moment`` (its row created if no process asked for it yet)."""
    from assistant.db.job_models import JobLease

    for _ in range(3):
        try:
            async with sessions() as session, session.begin():
                job = await session.get(JobLease, name)
                if job is None:
                    session.add(JobLease(name=name, due_at=moment, runs=0))
                else:
                    job.due_at = moment
            return
        except IntegrityError:  # a process created the row meanwhile: update it
            continue


async def add_cases_with_email(cases: CaseService, count: int, language: str = "fr") -> None:
    """``count`` cases with the visitor's address: each queues the Bureau's brief and the
    visitor's acknowledgement."""
    visitor = "Visiteur" if language == "fr" else "Visitor"
    request = "Demande" if language == "fr" else "Request"
    for number in range(count):
        await cases.create(
            NewCase(
                conversation_id=None,
                language=language,
                name=f"{visitor} {number}",
                email=f"{visitor.lower()}{number}@example.org",
                summary=f"{request} {number}",
            )
        )
