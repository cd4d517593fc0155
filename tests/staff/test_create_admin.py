"""The create_admin command: it creates an administrator once, refuses a short password, asks
twice without the environment variable, and the administrator it creates can sign in."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.config import Settings
from assistant.services import Services
from assistant.staff import create_admin
from tests.db_dump import rows
from tests.staff.conftest import PASSWORD, Clients, login_form

ROOT = Path(__file__).resolve().parents[2]


def _create_admin(
    settings: Settings, email: str, password: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_DATABASE_URL": settings.database_url,
        "ASSISTANT_ENVIRONMENT": "test",
        "ASSISTANT_ADMIN_PASSWORD": password,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.staff.create_admin",
            "--email",
            email,
            "--name",
            "Ada Admin",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _staff_rows(settings: Settings) -> list[tuple[str, str, str]]:
    return rows(settings.database_url, "SELECT email, role, password_hash FROM staff")


def test_create_admin_creates_an_admin_and_refuses_a_duplicate(settings: Settings):
    created = _create_admin(settings, "Ada@Ville.Quebec.QC.ca", PASSWORD)
    assert created.returncode == 0, created.stderr
    assert "Administrator account created" in created.stdout
    assert "ada@" not in created.stdout.lower() + created.stderr.lower()  # no email echoed
    [(email, role, password_hash)] = _staff_rows(settings)
    assert (email, role) == ("ada@ville.quebec.qc.ca", "admin")
    assert password_hash.startswith("$argon2id$")

    duplicate = _create_admin(settings, "ada@ville.quebec.qc.ca", "another long password")
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr and "existe déjà" in duplicate.stderr
    assert len(_staff_rows(settings)) == 1


def test_create_admin_refuses_a_short_password(settings: Settings):
    refused = _create_admin(settings, "ada@ville.quebec.qc.ca", "short-11chr")
    assert refused.returncode == 1
    assert "at least 12 characters" in refused.stderr
    assert "au moins 12 caractères" in refused.stderr


def test_create_admin_asks_twice_without_the_variable(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.delenv(create_admin.PASSWORD_ENV, raising=False)
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr(create_admin.getpass, "getpass", lambda prompt: next(typed))
    argv = ["--email", "ada@x.ca", "--name", "Ada"]
    assert create_admin.main(argv, settings=settings) == 1
    assert "do not match" in capsys.readouterr().err

    typed = iter([PASSWORD, PASSWORD])
    assert create_admin.main(argv, settings=settings) == 0
    assert [row[:2] for row in _staff_rows(settings)] == [("ada@x.ca", "admin")]


async def test_the_created_admin_can_sign_in(
    settings: Settings, services: Services, clients: Clients
):
    result = await asyncio.to_thread(_create_admin, settings, "ada@x.ca", PASSWORD)
    assert result.returncode == 0, result.stderr
    http = await clients.anonymous()
    assert (
        await http.post("/staff/login", data=login_form("ada@x.ca", PASSWORD))
    ).status_code == 303
    assert (await http.get("/api/staff/session")).json()["staff"]["role"] == "admin"
