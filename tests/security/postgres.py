"""A throwaway PostgreSQL server for the tests that must hold on both databases (the
concurrency tests): started once per session from the installed binaries on a private Unix
socket, one fresh database per test; skipped where PostgreSQL is not installed."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

import pytest

from assistant.core.config import Settings


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


@pytest.fixture(scope="session")
def postgres_socket() -> Iterator[str]:
    initdb, pg_ctl = _server_binary("initdb"), _server_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (initdb, pg_ctl)")
    base = tempfile.mkdtemp(prefix="assistant-pg-")
    data, run = f"{base}/data", _as_server_user()
    options = f"-c listen_addresses='' -k {base} -c fsync=off -c max_connections=50"
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
        pytest.skip(f"could not start a PostgreSQL server: {error}")
    try:
        yield base
    finally:
        subprocess.run([*run, pg_ctl, "-D", data, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_socket: str) -> str:
    """A new, empty database on the session's server, as an SQLAlchemy URL."""
    import psycopg

    name = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(host=postgres_socket, user="postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={postgres_socket}"


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Imported into a test module or conftest, it runs every test there on both databases
    (PostgreSQL: skipped where it is not installed)."""
    if request.param == "sqlite":
        return settings
    url = request.getfixturevalue("postgres_url")
    return settings.model_copy(update={"database_url": url})
