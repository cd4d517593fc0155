"""ASVS V2.10 / V6.4: no secret has a default anyone can read. The session key and the action
endpoint token are generated into var/ on the first start (0600) and reused; a value published
in the repository is refused in every environment."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import stat
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from assistant.core.config import Settings
from assistant.core.keys import PUBLISHED
from assistant.services import Services
from assistant.web.actions import create_actions_app
from assistant.web.app import create_app
from tests.fakes import HashingEncoder
from tests.staff.conftest import add_staff

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OLD_DEVELOPMENT_SECRET = "dev-only-secret-change-me"  # what config.py used to default to
_ASSIGNED = re.compile(r"(?i)(?:secret_key|action_endpoint_token)\s*[=:]\s*[\"']([^\"'\n]+)[\"']")


def _first_start(tmp_path: Path, **overrides: object) -> Settings:
    """Settings as a fresh `make run` gets them: no secret in the environment."""
    values: dict[str, object] = {
        "environment": "development",
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}",
        "rasa_url": "http://127.0.0.1:9",
        "kb_watch_seconds": 0,
        "outbox_worker": False,
        "secret_key_file": tmp_path / "var" / "secret_key",
        "action_endpoint_token_file": tmp_path / "var" / "action_endpoint_token",
    }
    return Settings(**{**values, **overrides})  # type: ignore[arg-type]


def _literals_in_the_repository() -> set[str]:
    """Every quoted value the tracked files assign to a secret setting."""
    files = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found: set[str] = set()
    suffixes = {".py", ".md", ".yml", ".yaml", ".toml", ".env", ".txt", ".sh"}
    for name in files:
        path = PROJECT_ROOT / name
        readable = path.suffix in suffixes or path.name in {"Makefile", "Dockerfile"}
        if (readable or ".env" in path.name) and path.is_file():
            found |= set(_ASSIGNED.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return found


def _old_format_cookie(secret: str, staff_id: int) -> str:
    """A session cookie as the app used to sign them (HMAC-SHA256 over the staff id)."""
    key = hmac.new(secret.encode(), b"assistant.staff.session.v1", hashlib.sha256).digest()
    data = {"sid": staff_id, "csrf": "x" * 43, "lang": "fr", "iat": int(time.time())}
    payload = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    mac = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


@pytest.fixture
async def fresh(tmp_path: Path, kb_dir: Path) -> AsyncIterator[Services]:
    services = await Services.start(_first_start(tmp_path, kb_dir=kb_dir), encoder=HashingEncoder())
    yield services
    await services.aclose()


async def test_v2_10_4_a_cookie_signed_with_the_old_development_secret_is_refused(
    fresh: Services,
):
    admin = await add_staff(fresh, "admin@ville.quebec.qc.ca", role="admin")
    forged = _old_format_cookie(OLD_DEVELOPMENT_SECRET, admin.id)
    transport = httpx.ASGITransport(app=create_app(fresh))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        client.cookies.set("bri_staff", forged)
        response = await client.get("/api/staff/cases")
    assert response.status_code == 401
    assert "admin@ville.quebec.qc.ca" not in response.text


def test_v6_4_1_the_first_start_generates_a_private_key_file_that_later_starts_reuse(
    tmp_path: Path,
):
    first = _first_start(tmp_path)
    key_file = tmp_path / "var" / "secret_key"
    token_file = tmp_path / "var" / "action_endpoint_token"
    for path in (key_file, token_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.secret_key) >= 32 and first.secret_key != OLD_DEVELOPMENT_SECRET
    again = _first_start(tmp_path)
    assert (again.secret_key, again.action_endpoint_token) == (
        first.secret_key,
        first.action_endpoint_token,
    )
    assert first.secret_key != first.action_endpoint_token
    elsewhere = _first_start(tmp_path / "other-deployment")
    assert elsewhere.secret_key != first.secret_key


@pytest.mark.parametrize("environment", ["development", "test", "production"])
@pytest.mark.parametrize(
    "value", sorted(PUBLISHED | {OLD_DEVELOPMENT_SECRET, "s" * 40, "another secret"})
)
@pytest.mark.parametrize("setting", ["secret_key", "action_endpoint_token"])
def test_v2_10_4_a_published_secret_is_refused_in_every_environment(
    tmp_path: Path, environment: str, value: str, setting: str
):
    with pytest.raises(ValidationError) as refused:
        _first_start(tmp_path, environment=environment, **{setting: value})
    assert f"ASSISTANT_{setting.upper()}" in str(refused.value)


def test_v2_10_4_every_secret_written_in_the_repository_is_refused(tmp_path: Path):
    for value in _literals_in_the_repository():
        with pytest.raises(ValidationError):
            _first_start(tmp_path, secret_key=value)


async def test_v6_4_1_the_action_endpoint_accepts_only_the_persisted_token_and_says_why(
    fresh: Services, caplog: pytest.LogCaptureFixture
):
    token = (fresh.settings.action_endpoint_token_file).read_text().strip()
    assert token == fresh.settings.action_endpoint_token
    transport = httpx.ASGITransport(app=create_actions_app(fresh))
    async with httpx.AsyncClient(transport=transport, base_url="http://actions") as client:
        assert (await client.get("/token", params={"token": token})).status_code == 200
        assert (await client.get("/token", params={"token": "x" + token})).status_code == 403
        with caplog.at_level(logging.ERROR):
            refused = await client.post("/webhook", params={"token": "wrong"}, json={})
    assert refused.status_code == 403
    assert "ACTION_ENDPOINT_TOKEN" in caplog.text
