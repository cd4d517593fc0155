from __future__ import annotations

import secrets
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from assistant.core.config import Settings
from assistant.services import Services
from assistant.web.app import create_app
from tests.fakes import FakeRasa, HashingEncoder, sample_entries, write_entry


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last. Playwright's sync API keeps an event loop running in the main
    thread for as long as the session's Chromium is open, and pytest-asyncio cannot start its
    own loop beside it: every async test must have run before the first browser test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A small KB: work permits, the congress centre, and the Bureau's contact."""
    directory = tmp_path / "kb"
    for entry in sample_entries():
        write_entry(directory, entry)
    return directory


@pytest.fixture
def settings(tmp_path: Path, kb_dir: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}",
        rasa_url="http://127.0.0.1:9",  # nothing listens there
        rasa_timeout_seconds=2.0,
        kb_watch_seconds=0,
        outbox_worker=False,  # tests that send mail start their own worker and SMTP server
        kb_dir=kb_dir,
        secret_key=secrets.token_urlsafe(32),  # each test its own: none is published
        action_endpoint_token=secrets.token_urlsafe(32),
        secret_key_file=tmp_path / "var" / "secret_key",
        action_endpoint_token_file=tmp_path / "var" / "action_endpoint_token",
        rasa_tracker_url=f"sqlite:///{tmp_path / 'var' / 'rasa' / 'trackers.db'}",
    )


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    services = await Services.start(settings, encoder=HashingEncoder())
    await services.kb_ready()
    yield services
    await services.aclose()


@pytest.fixture
def fake_rasa(services: Services) -> FakeRasa:
    fake = FakeRasa()
    services.chat._rasa = fake  # type: ignore[assignment]
    services.rasa = fake  # type: ignore[assignment]
    return fake


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory):
    """The real product (``launcher.LocalStack``: ``url``, ``chat()``, ``wait_for_mail()``…)."""
    from assistant import launcher

    database = tmp_path_factory.mktemp("stack") / "stack.sqlite3"
    with launcher.local_stack(
        database, name="test", extra_env={"ASSISTANT_KB_WATCH_SECONDS": "1"}
    ) as running:
        yield running


# --- headless Chromium: one per session, shared by every browser test ---------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Debian's chromium is required for browser tests "
            "(scripts/setup.sh --browser installs it)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
