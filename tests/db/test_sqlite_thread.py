"""``run_in_connection_thread``: one transaction in the SQLite connection's own thread."""

from __future__ import annotations

import asyncio

import aiosqlite
import pytest
from sqlalchemy import select

from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.db.models import Conversation
from assistant.db.sqlite_thread import run_in_connection_thread
from tests.conftest import sqlite_url


@pytest.fixture
async def engine(tmp_path):
    engine = create_engine(sqlite_url(tmp_path))
    await create_schema(engine)
    yield engine
    await engine.dispose()


def _insert(conversation_id: str):
    def work(db):
        db.execute(
            "INSERT INTO conversations (id, language, status, created_at, updated_at)"
            " VALUES (?, 'fr', 'bot', '2026-12-03 12:00:00.000000', '2026-12-03 12:00:00.000000')",
            (conversation_id,),
        )
        return conversation_id

    return work


async def _ids(engine) -> list[str]:
    async with session_factory(engine)() as session:
        return list((await session.execute(select(Conversation.id))).scalars())


def test_aiosqlite_still_has_the_two_inner_names_used():
    assert callable(aiosqlite.Connection._execute)
    assert isinstance(aiosqlite.Connection._conn, property)


async def test_the_work_is_committed_and_its_result_returned(engine):
    assert await run_in_connection_thread(engine, _insert("c1")) == "c1"
    assert await _ids(engine) == ["c1"]


async def test_work_that_fails_leaves_nothing_and_the_connection_usable(engine):
    def half_then_fail(db):
        _insert("c2")(db)
        raise RuntimeError("midway")

    with pytest.raises(RuntimeError):
        await run_in_connection_thread(engine, half_then_fail)
    assert await _ids(engine) == []
    await run_in_connection_thread(engine, _insert("c3"))
    assert await _ids(engine) == ["c3"]


async def test_it_queues_with_the_sessions_for_the_one_connection(engine):
    sessions = session_factory(engine)

    async def through_the_orm(conversation_id: str) -> None:
        async with sessions() as session:
            session.add(Conversation(id=conversation_id, language="fr", status="bot"))
            await session.commit()

    await asyncio.gather(
        *(run_in_connection_thread(engine, _insert(f"t{i}")) for i in range(5)),
        *(through_the_orm(f"o{i}") for i in range(5)),
    )
    assert sorted(await _ids(engine)) == sorted(
        [f"t{i}" for i in range(5)] + [f"o{i}" for i in range(5)]
    )
