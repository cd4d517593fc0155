"""Schema migrations (Alembic, environment in ``assistant/db/migrations/``), configured in code
so they run from any directory: upgrade to a revision, adopt a database that ``create_all``
built before migrations existed, say where a database stands, write a new revision.

Every function takes the engine to migrate; ``engine.migration_engine`` gives the right one
(on SQLite, foreign keys off while batch mode copies tables)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from assistant.core.errors import MigrationError
from assistant.db.tables import metadata

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 7_311_052  # PostgreSQL advisory lock: one migrating process at a time
# What ``create_all`` at start-up used to add to an older database by itself.
_CREATE_ALL_ADDS = {"add_table", "add_index"}

T = TypeVar("T")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Compare only this app's tables (another tool may keep its own in the same database;
    dropping one of ours takes a hand-written ``op.drop_table``)."""
    return type_ != "table" or name in metadata.tables


def _quiet() -> None:
    logging.getLogger("alembic").setLevel(logging.WARNING)  # we say what changed ourselves


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration without an ``alembic.ini``: the script location is this
    package's ``migrations/``; revision files are named ``0003_slug.py``."""
    _quiet()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    revision = script().get_current_head()
    if revision is None:
        raise MigrationError("no migration revision found")
    return revision


@dataclass(frozen=True)
class Status:
    """Where a database stands: its revision (None: never migrated), the head, what a
    ``create_all`` database differs by (empty when it matches the models)."""

    current: str | None
    head: str
    pending: list[str]
    has_tables: bool
    differences: list[str]

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def adoptable(self) -> bool:
        """A database ``create_all`` built (tables but no revision) that the models describe."""
        return self.current is None and self.has_tables and not self.differences


async def _in_transaction(engine: AsyncEngine, work: Callable[[Connection], T]) -> T:
    _quiet()
    async with engine.begin() as connection:
        return await connection.run_sync(work)


async def status(engine: AsyncEngine) -> Status:
    return await _in_transaction(engine, _status)


@dataclass(frozen=True)
class Upgrade:
    before: str | None
    after: str | None
    adopted: bool  # a create_all database, stamped at head before upgrading


async def upgrade(engine: AsyncEngine, revision: str = "head") -> Upgrade:
    """Bring the database to ``revision`` (adopting a ``create_all`` database first) in one
    transaction. Raises ``MigrationError`` when an unmigrated database does not match the
    models, or on an unknown revision (nothing is changed then)."""
    done = await _in_transaction(engine, lambda connection: _upgrade(connection, revision))
    if done.adopted:
        log.info("database built before migrations: stamped at revision %s", done.after)
    elif done.before != done.after:
        log.info("database upgraded from revision %s to %s", done.before, done.after)
    return done


async def downgrade(engine: AsyncEngine, revision: str) -> tuple[str | None, str | None]:
    def work(connection: Connection) -> tuple[str | None, str | None]:
        _lock(connection)
        before = _current(connection)
        _alembic(command.downgrade, connection, revision)
        return before, _current(connection)

    return await _in_transaction(engine, work)


async def stamp(engine: AsyncEngine, revision: str) -> None:
    """Record ``revision`` without running anything (an operator who checked the schema)."""

    def work(connection: Connection) -> None:
        _lock(connection)
        _alembic(command.stamp, connection, revision)

    await _in_transaction(engine, work)


async def new_revision(engine: AsyncEngine, message: str, autogenerate: bool) -> Path:
    """Write ``versions/NNNN_slug.py``; with ``autogenerate``, its operations are what the
    models add to the database (which must be at head)."""

    def work(connection: Connection) -> Path:
        if autogenerate and _current(connection) != head():
            raise MigrationError(
                "the database is not at head: run `python -m assistant migrate` first"
            )
        rev_id = f"{len(list(script().walk_revisions())) + 1:04d}"
        written = _alembic(
            command.revision, connection, message, autogenerate=autogenerate, rev_id=rev_id
        )
        scripts = written if isinstance(written, list) else [written]
        return Path(scripts[0].path) if scripts and scripts[0] is not None else MIGRATIONS

    return await _in_transaction(engine, work)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    """SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def _status(connection: Connection) -> Status:
    current = _current(connection)
    has_tables = bool(set(inspect(connection).get_table_names()) & set(metadata.tables))
    differences = _differences(connection) if current is None and has_tables else []
    try:
        pending = [
            item.revision
            for item in script().iterate_revisions("head", current or "base")
            if item.revision != current
        ]
    except CommandError as error:  # a revision this code does not know (a newer release?)
        raise MigrationError(f"database at revision {current}: {error}") from error
    return Status(current, head(), list(reversed(pending)), has_tables, differences)


def _differences(connection: Connection) -> list[str]:
    """How the database differs from the models, described by operation and names (never
    any data), ignoring the tables of other tools."""
    context = MigrationContext.configure(
        connection, opts={"include_name": include_name, "compare_type": True}
    )
    return [_describe(diff) for diff in compare_metadata(context, metadata)]


def _describe(diff: Any) -> str:
    first = diff[0] if isinstance(diff, list) else diff
    names = [part for part in first[1:] if isinstance(part, str)]
    names += [part.name for part in first[1:] if isinstance(getattr(part, "name", None), str)]
    return f"{first[0]} {'.'.join(names)}".strip()


def _upgrade(connection: Connection, revision: str) -> Upgrade:
    _lock(connection)
    before = _current(connection)
    adopted = before is None and _adopt(connection)
    _alembic(command.upgrade, connection, revision)
    after = _current(connection)
    if connection.dialect.name == "sqlite":
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:  # batch mode ran with foreign keys off: undo rather than keep orphans
            raise MigrationError(f"foreign key violations after migrating: {len(problems)}")
    return Upgrade(before, after, adopted)


def _adopt(connection: Connection) -> bool:
    """A database from before migrations: its tables came from ``create_all``. When the models
    describe it (or only lack tables/indexes, which start-up used to add), it is stamped at head;
    otherwise nothing is touched and the operator is told what differs."""
    if not set(inspect(connection).get_table_names()) & set(metadata.tables):
        return False  # empty: the first revision creates everything
    differences = _differences(connection)
    if any(item.split()[0] not in _CREATE_ALL_ADDS for item in differences):
        shown = "; ".join(differences[:10])
        raise MigrationError(
            "this database has tables but no migration revision, and they differ from the "
            f"models ({shown}). Bring it in line by hand, then run "
            "`python -m assistant migrate stamp REVISION`."
        )
    if differences:
        metadata.create_all(connection)
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(connection, checkfirst=True)
    command.stamp(alembic_config(connection), "head")
    return True


def _alembic(run: Callable[..., Any], connection: Connection, *args: Any, **kwargs: Any) -> Any:
    """An Alembic command on ``connection``; its refusals (unknown revision…) as ours."""
    try:
        return run(alembic_config(connection), *args, **kwargs)
    except CommandError as error:
        raise MigrationError(str(error)) from error
