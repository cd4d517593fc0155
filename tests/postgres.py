"""A throwaway PostgreSQL server for the tests: started once per session from the installed
binaries on a private Unix socket. ``postgres_url`` is a new, empty database; ``postgres_database``
a new database already at the newest migration (copied from a template migrated once per
session, which is much faster than migrating each test's database). Skipped where PostgreSQL is
not installed, unless the run asked for it (``--database=postgresql|both``): then it fails."""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.config import Settings

TEMPLATE = "assistant_template"
PREFIX = "assistant-pg-"


def _as_server_user() -> list[str]:
    """PostgreSQL refuses to run as root: then as the ``postgres`` account."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _server_binary(name: str) -> str | None:
    """On PATH, or where Debian's postgresql package puts it (not on PATH by default)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _unavailable(config: pytest.Config, reason: str) -> None:
    if config.getoption("database", "sqlite") in ("postgresql", "both"):
        pytest.fail(f"--database asks for PostgreSQL, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_socket(pytestconfig: pytest.Config) -> Iterator[str]:
    initdb, pg_ctl = _server_binary("initdb"), _server_binary("pg_ctl")
    if not (initdb and pg_ctl):
        _unavailable(pytestconfig, "PostgreSQL is not installed (initdb, pg_ctl)")
    assert initdb and pg_ctl
    run = _as_server_user()
    _stop_abandoned_servers(pg_ctl, run)
    base = tempfile.mkdtemp(prefix=PREFIX)
    Path(base, "owner").write_text(str(os.getpid()))
    data = f"{base}/data"
    options = (
        f"-c listen_addresses='' -k {base} -c fsync=off -c synchronous_commit=off"
        " -c full_page_writes=off -c max_connections=100"
    )
    try:
        if os.geteuid() == 0:
            os.chown(base, pwd.getpwnam("postgres").pw_uid, -1)
        for command in (
            [initdb, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"],
            [pg_ctl, "-D", data, "-o", options, "-l", f"{base}/log", "-w", "start"],
        ):
            subprocess.run([*run, *command], check=True, capture_output=True, timeout=60)
    except (KeyError, OSError, subprocess.SubprocessError) as error:
        shutil.rmtree(base, ignore_errors=True)
        _unavailable(pytestconfig, f"could not start a PostgreSQL server: {error}")
    try:
        yield base
    finally:
        subprocess.run([*run, pg_ctl, "-D", data, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(base, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_abandoned_servers(pg_ctl: str, run: list[str]) -> None:
    """A run killed before its teardown (a timeout, SIGKILL) leaves its server running: the
    next run stops every server whose test process is gone."""
    for base in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            owner = int((base / "owner").read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        if (base / "data" / "postmaster.pid").exists():
            subprocess.run(
                [*run, pg_ctl, "-D", str(base / "data"), "-m", "immediate", "stop"],
                check=False,
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


def _admin(socket: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(host=socket, user="postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def _url(socket: str, name: str) -> str:
    return f"postgresql+psycopg://postgres@/{name}?host={socket}"


def _new_database(socket: str, template: str = "template0") -> Iterator[str]:
    name = f"test_{secrets.token_hex(6)}"
    _admin(socket, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _url(socket, name)
    finally:  # the test's engines are closed; FORCE ends any connection a test left open
        _admin(socket, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_socket: str) -> Iterator[str]:
    """A new, empty database on the session's server, as an SQLAlchemy URL."""
    yield from _new_database(postgres_socket)


@pytest.fixture(scope="session")
def postgres_template(postgres_socket: str) -> str:
    """A database migrated to the newest revision, once per session: the template of
    ``postgres_database``."""
    from assistant.db.engine import create_engine, create_schema

    _admin(postgres_socket, f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')

    async def migrate() -> None:
        engine = create_engine(_url(postgres_socket, TEMPLATE))
        try:
            await create_schema(engine)
        finally:
            await engine.dispose()

    failure: list[BaseException] = []

    def run() -> None:  # its own thread: a test's event loop may be running in this one
        try:
            asyncio.run(migrate())
        except BaseException as error:  # re-raised below, in the test's thread
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return TEMPLATE


@pytest.fixture
def postgres_database(postgres_socket: str, postgres_template: str) -> Iterator[str]:
    """A new database at the newest migration (a copy of the session's template)."""
    yield from _new_database(postgres_socket, postgres_template)


def settings_on(request: pytest.FixtureRequest, tmp_path, kb_dir) -> Settings:  # type: ignore[no-untyped-def]
    """The test's settings on ``request.param`` (``sqlite`` or ``postgresql``): for fixtures
    parametrized over both databases whatever ``--database`` says."""
    from tests.conftest import make_settings, sqlite_url

    if request.param == "sqlite":
        return make_settings(tmp_path, kb_dir, sqlite_url(tmp_path))
    return make_settings(tmp_path, kb_dir, request.getfixturevalue("postgres_database"))


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path, kb_dir) -> Settings:  # type: ignore[no-untyped-def]
    """Imported into a test module or conftest, it runs every test there on both databases
    whatever ``--database`` says (PostgreSQL: skipped where it is not installed; with
    ``--database=postgresql``, the SQLite half is deselected)."""
    return settings_on(request, tmp_path, kb_dir)
