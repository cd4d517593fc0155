"""The cluster's shared stores on loopback: a PostgreSQL 15 server initdb'd under
``var/cluster/`` (two databases: ``assistant`` for the apps, ``rasa`` for Rasa's tracker store;
password authentication over TCP) and a Redis server (Rasa's conversation locks and the abuse
limits' counters), both with a generated password kept in a 0600 file."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from assistant.launcher import LaunchError

DATABASES = ("assistant", "rasa")


def as_server_user() -> list[str]:
    """PostgreSQL refuses to run as root: then as the ``postgres`` account."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def server_binary(name: str) -> str:
    """On PATH, or where Debian's postgresql package puts it (not on PATH by default)."""
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if found or candidates:
        return found or candidates[0]
    raise LaunchError(f"PostgreSQL's {name} is not installed (Debian's postgresql-15)")


def secret_in(path: Path) -> str:
    """The password kept in ``path`` (0600), generated on first use."""
    if path.is_file():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(24)  # hex: nothing to escape in a URL or a config file
    path.touch(mode=0o600)
    path.write_text(value)
    return value


@dataclass
class Postgres:
    """One PostgreSQL server: data in ``root/data``, listening on 127.0.0.1:``port``."""

    root: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str, driver: str = "psycopg") -> str:
        """The app's URL (``postgresql+psycopg``) or Rasa's (``driver=""``: psycopg2)."""
        scheme = f"postgresql+{driver}" if driver else "postgresql"
        return f"{scheme}://assistant:{self.password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str, timeout: float = 120) -> None:
        result = subprocess.run(
            [*as_server_user(), *command], capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise LaunchError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> None:
        """initdb on first use (role ``assistant``, scram passwords), then start and create the
        databases that are missing."""
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            os.chown(self.root, pwd.getpwnam("postgres").pw_uid, -1)
        if not (self.data / "PG_VERSION").exists():
            password_file = self.root / "initdb.pw"
            password_file.write_text(self.password)
            if os.geteuid() == 0:
                os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
            try:
                self._run(
                    server_binary("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "assistant",
                    f"--pwfile={password_file}",
                    "--auth-local=scram-sha-256",
                    "--auth-host=scram-sha-256",
                    "--no-sync",
                    "-E",
                    "UTF8",
                )
            finally:
                password_file.unlink(missing_ok=True)
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c max_connections=100"
        )
        self._run(
            server_binary("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "postgres.log"),
            "-w",
            "start",
        )
        import psycopg

        with psycopg.connect(self.url("postgres", ""), autocommit=True) as connection:
            existing = {r[0] for r in connection.execute("SELECT datname FROM pg_database")}
            for name in DATABASES:
                if name not in existing:
                    connection.execute(f'CREATE DATABASE "{name}"')

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [
                    *as_server_user(),
                    server_binary("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ],
                capture_output=True,
                timeout=120,
                check=False,
            )


def start_redis(port: int, password: str, log: Path) -> subprocess.Popen[bytes]:
    """redis-server on 127.0.0.1 only, with a password, nothing written to disk (locks and
    counters are short-lived)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise LaunchError("redis-server is not installed: run scripts/setup.sh --cluster")
    command = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--requirepass",
        password,
        "--protected-mode",
        "yes",
    ]
    with open(log, "wb") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
