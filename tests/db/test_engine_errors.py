"""A database error never carries the row's values: PostgreSQL's DETAIL line (``Key
(email)=(…) already exists``) is dropped from the error that is raised, logged or shown."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assistant.db.engine import create_engine

EMAIL = "noemie.caron@example.ca"


async def test_a_duplicate_key_error_names_the_constraint_not_the_value(postgres_url: str):
    engine = create_engine(postgres_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE people (email text PRIMARY KEY)"))
        insert = text("INSERT INTO people (email) VALUES (:email)")
        async with engine.begin() as connection:
            await connection.execute(insert, {"email": EMAIL})
        with pytest.raises(IntegrityError) as raised:
            async with engine.begin() as connection:
                await connection.execute(insert, {"email": EMAIL})
    finally:
        await engine.dispose()

    assert "people_pkey" in str(raised.value)
    assert EMAIL not in str(raised.value) and EMAIL not in str(raised.value.orig)
    assert "DETAIL" not in str(raised.value)
