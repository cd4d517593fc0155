"""Schema migrations (assistant/db/migrate.py, assistant/db/migrations/) on a real SQLite file
and a throwaway PostgreSQL server: the revisions build what the models describe, a database of
the previous release keeps every row when upgraded, a database that ``create_all`` built before
migrations is adopted (or refused untouched), and SQLite's batch mode keeps child rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.ext.asyncio import AsyncEngine

from assistant.core.errors import MigrationError
from assistant.db import migrate
from assistant.db.engine import create_engine, create_schema, migration_engine
from assistant.db.tables import metadata

BASELINE_TABLES: list[str] = migrate.script().get_revision("0001").module.TABLES  # release 2c350b2


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'migrated.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def engine(database_url: str):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def _upgrade(engine: AsyncEngine, revision: str = "head") -> migrate.Upgrade:
    target = migration_engine(engine)
    try:
        return await migrate.upgrade(target, revision)
    finally:
        if target is not engine:
            await target.dispose()


async def _revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )


async def _table_names(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names()))


def _value(column: sa.Column[Any], table: str) -> Any:
    kind = dict if isinstance(column.type, sa.JSON) else column.type.python_type
    if kind is str:
        return f"{table}:{column.name}"[: getattr(column.type, "length", None) or 100]
    return {
        int: 1,
        bool: True,
        datetime: datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC),
        date: date(2026, 3, 4),
        dict: {"kept": column.name, "é": "ü"},
        bytes: b"\x00\x01kept",
    }[kind]


def _one_row_each(connection: sa.Connection, tables: list[str]) -> None:
    """A row in every table (parents first), each foreign key pointing at its parent's row
    (every value is a function of its table and column, keys included)."""
    for name in tables:
        row = {}
        for column in metadata.tables[name].columns:
            key = next(iter(column.foreign_keys), None)
            row[column.name] = (
                _value(key.column, key.column.table.name) if key else _value(column, name)
            )
        connection.execute(metadata.tables[name].insert().values(row))


async def _snapshot(engine: AsyncEngine, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    async with engine.connect() as connection:
        return {
            name: [tuple(row) for row in await connection.execute(sa.select(metadata.tables[name]))]
            for name in tables
        }


async def test_a_database_upgraded_to_head_is_exactly_what_the_models_describe(engine):
    done = await _upgrade(engine)

    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), metadata
            )
        )
    assert differences == []
    assert (done.before, done.after, done.adopted) == (None, migrate.head(), False)
    assert await _revision(engine) == migrate.head()
    assert await _table_names(engine) == set(metadata.tables) | {"alembic_version"}


async def test_the_previous_release_keeps_every_row_when_upgraded(engine):
    await _upgrade(engine, "0001")
    assert await _table_names(engine) == set(BASELINE_TABLES) | {"alembic_version"}
    async with engine.begin() as connection:
        await connection.run_sync(_one_row_each, BASELINE_TABLES)
    before = await _snapshot(engine, BASELINE_TABLES)
    assert all(len(rows) == 1 for rows in before.values())  # a case, a KB entry, staff, messages…

    await create_schema(engine)  # what the app does at start

    assert await _revision(engine) == migrate.head()
    assert await _snapshot(engine, BASELINE_TABLES) == before
    async with engine.begin() as connection:  # the new release's tables work beside the old rows
        await connection.run_sync(_one_row_each, ["consent_notices", "consent_records"])
        case_id = (await connection.execute(sa.text("SELECT case_id FROM consent_records"))).one()
    assert case_id == (1,)


async def test_downgrading_one_revision_drops_only_what_it_added(engine):
    await _upgrade(engine)
    async with engine.begin() as connection:
        await connection.run_sync(_one_row_each, BASELINE_TABLES)
    before = await _snapshot(engine, BASELINE_TABLES)
    target = migration_engine(engine)
    try:
        assert await migrate.downgrade(target, "0001") == (migrate.head(), "0001")
    finally:
        if target is not engine:
            await target.dispose()
    assert await _table_names(engine) == set(BASELINE_TABLES) | {"alembic_version"}
    assert await _snapshot(engine, BASELINE_TABLES) == before
    await _upgrade(engine)
    assert await _revision(engine) == migrate.head()


async def test_a_create_all_database_is_stamped_at_head_with_its_rows(engine):
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.run_sync(_one_row_each, [t.name for t in metadata.sorted_tables])
    before = await _snapshot(engine, list(metadata.tables))

    done = await _upgrade(engine)

    assert done.adopted and done.after == migrate.head()
    assert await _revision(engine) == migrate.head()
    assert await _snapshot(engine, list(metadata.tables)) == before
    assert (await _upgrade(engine)).adopted is False  # once stamped, an ordinary start


async def test_a_create_all_database_of_an_older_release_gets_its_missing_tables(engine):
    """Start-up used to add new tables with ``create_all``: such a database is still adopted."""
    async with engine.begin() as connection:
        await connection.run_sync(
            lambda sync: metadata.create_all(
                sync, tables=[metadata.tables[name] for name in BASELINE_TABLES]
            )
        )
    done = await _upgrade(engine)
    assert done.adopted
    assert await _table_names(engine) == set(metadata.tables) | {"alembic_version"}


async def test_a_create_all_database_unlike_the_models_is_refused_and_left_alone(engine):
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(sa.text("ALTER TABLE cases ADD COLUMN legacy_note VARCHAR(20)"))

    with pytest.raises(MigrationError) as refused:
        await create_schema(engine)

    assert "remove_column cases.legacy_note" in str(refused.value)
    assert "migrate stamp" in str(refused.value)
    assert "alembic_version" not in await _table_names(engine)


async def test_an_unknown_revision_is_refused_with_its_name(engine):
    with pytest.raises(MigrationError, match="nonexistent"):
        await _upgrade(engine, "nonexistent")
    assert await _revision(engine) is None


async def test_sqlite_batch_mode_keeps_the_rows_that_point_at_a_copied_table(tmp_path):
    """Batch mode copies a table and drops the old one: with foreign keys enforced, dropping
    ``cases`` would delete its notes (ON DELETE CASCADE). The migration engine turns them off."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'batch.sqlite3'}")
    await create_schema(engine)
    async with engine.begin() as connection:
        await connection.run_sync(_one_row_each, BASELINE_TABLES)
    target = migration_engine(engine)

    def add_column(sync: sa.Connection) -> None:
        operations = Operations(MigrationContext.configure(sync))
        with operations.batch_alter_table("cases", recreate="always") as batch:
            batch.add_column(sa.Column("priority", sa.Integer(), nullable=True))

    async with target.begin() as connection:
        await connection.run_sync(add_column)
    await target.dispose()
    async with engine.connect() as connection:
        notes = (await connection.execute(sa.text("SELECT count(*) FROM case_notes"))).scalar()
        outbox = (await connection.execute(sa.text("SELECT case_id FROM outbox_emails"))).all()
    await engine.dispose()
    assert notes == 1 and outbox == [(1,)]


async def test_the_app_start_migrates_an_older_database(settings):
    from assistant.services import Services
    from tests.fakes import HashingEncoder

    engine = create_engine(settings.database_url)
    await _upgrade(engine, "0001")
    await engine.dispose()

    services = await Services.start(settings, encoder=HashingEncoder())
    try:
        assert await _revision(services.engine) == migrate.head()
    finally:
        await services.aclose()
