"""``python -m assistant migrate``: the operator's side of ``assistant/db/migrate.py``.

    migrate [--revision R]              upgrade to head (or R); adopts a create_all database
    migrate --check                     is the database at head? (exit 0 yes, 1 no)
    migrate current | history           where the database stands; the revisions
    migrate revision -m "…" [--autogenerate]   write versions/NNNN_slug.py
    migrate stamp R | downgrade R       record R without running anything; go back to R

Output names revisions and tables, never any data."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from assistant.core.config import get_settings
from assistant.core.errors import MigrationError
from assistant.db import migrate
from assistant.db.engine import create_engine, migration_engine

ACTIONS = ("upgrade", "current", "history", "revision", "stamp", "downgrade")


def add_migrate_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "migrate",
        help="database schema: upgrade to the newest revision, --check, current, history, "
        "revision -m MSG --autogenerate, stamp R, downgrade R",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", nargs="?", default="upgrade", choices=ACTIONS)
    parser.add_argument("target", nargs="?", help="the revision for stamp and downgrade")
    parser.add_argument("--revision", default="head", help="upgrade to this revision")
    parser.add_argument("--check", action="store_true", help="say whether the database is at head")
    parser.add_argument("-m", "--message", help="what a new revision does")
    parser.add_argument(
        "--autogenerate", action="store_true", help="fill a new revision from the models"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    engine = migration_engine(create_engine(get_settings().database_url))

    async def work() -> int:
        try:
            return await _dispatch(args, engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(work())
    except MigrationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


async def _dispatch(args: argparse.Namespace, engine: AsyncEngine) -> int:
    if args.check:
        return await check(engine)
    handlers: dict[str, Callable[[], Awaitable[int]]] = {
        "upgrade": lambda: upgrade(engine, args.revision),
        "current": lambda: current(engine),
        "history": history,
        "revision": lambda: revision(engine, args.message, args.autogenerate),
        "stamp": lambda: stamp(engine, _target(args)),
        "downgrade": lambda: downgrade(engine, _target(args)),
    }
    return await handlers[args.action]()


def _target(args: argparse.Namespace) -> str:
    if not args.target:
        raise MigrationError(f"`migrate {args.action}` needs a revision (see `migrate history`)")
    return str(args.target)


def _name(revision: str | None) -> str:
    return revision or "none (never migrated)"


async def upgrade(engine: AsyncEngine, target: str) -> int:
    done = await migrate.upgrade(engine, target)
    if done.adopted:
        print(
            "Database built before migrations: its tables match the models, stamped at "
            f"revision {_name(done.after)}."
        )
    elif done.before == done.after:
        print(f"Database already at revision {_name(done.after)}: nothing to do.")
    else:
        print(f"Database upgraded from revision {_name(done.before)} to {_name(done.after)}.")
    return 0


async def check(engine: AsyncEngine) -> int:
    status = await migrate.status(engine)
    if status.up_to_date:
        print(f"Database at revision {status.head} (head): up to date.")
        return 0
    if status.adoptable:
        print(
            f"Database built before migrations; its tables match revision {status.head} "
            "(head): `python -m assistant migrate` will stamp it."
        )
        return 1
    if status.current is None and status.has_tables:
        print("Database built before migrations, and its tables differ from the models:")
        for difference in status.differences:
            print(f"  {difference}")
        return 1
    print(
        f"Database at revision {_name(status.current)}; head is {status.head}. "
        f"To apply: {', '.join(status.pending)} (`python -m assistant migrate`)."
    )
    return 1


async def current(engine: AsyncEngine) -> int:
    status = await migrate.status(engine)
    suffix = " (head)" if status.up_to_date else f" (head is {status.head})"
    print(f"Current revision: {_name(status.current)}{suffix}")
    return 0


async def history() -> int:
    for item in migrate.script().walk_revisions():
        first_line = (item.doc or "").strip().splitlines()[0] if item.doc else ""
        marker = " (head)" if item.is_head else ""
        print(f"{item.revision}{marker}  {first_line}")
    return 0


async def revision(engine: AsyncEngine, message: str | None, autogenerate: bool) -> int:
    if not message or not message.strip():
        raise MigrationError('a new revision needs a message: -m "what it does"')
    path = await migrate.new_revision(engine, message.strip(), autogenerate)
    print(f"New revision: {path}")
    print("Read it (SQLite alters tables in batch mode), then run `python -m assistant migrate`.")
    return 0


async def stamp(engine: AsyncEngine, target: str) -> int:
    await migrate.stamp(engine, target)
    print(f"Database stamped at revision {target} (nothing was run).")
    return 0


async def downgrade(engine: AsyncEngine, target: str) -> int:
    before, after = await migrate.downgrade(engine, target)
    print(f"Database downgraded from revision {_name(before)} to {_name(after)}.")
    return 0
