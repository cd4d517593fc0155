from __future__ import annotations

import os
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
from tests.postgres import (  # noqa: F401  (fixtures)
    postgres_database,
    postgres_socket,
    postgres_template,
    postgres_url,
)

# --- which database the tests run on -------------------------------------------------------

DATABASES = {"sqlite": ["sqlite"], "postgresql": ["postgresql"], "both": ["sqlite", "postgresql"]}
NOT_DEFAULT_SUITE = ("slow", "rasa", "browser")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=sorted(DATABASES),
        default=os.environ.get("ASSISTANT_TEST_DATABASE", "sqlite"),
        help="the database of every test that uses one (the `settings` fixture): sqlite "
        "(default), postgresql (a throwaway server; only the tests that use a database run), "
        "or both (each such test twice; slow/rasa/browser tests on SQLite only). "
        "Environment: ASSISTANT_TEST_DATABASE.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test checks something only SQLite has"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test whose fixtures reach ``database`` (through ``settings``) runs once per
    database that ``--database`` names."""
    if "database" not in metafunc.fixturenames:
        return
    choice = metafunc.config.getoption("database")
    names = DATABASES[choice]
    definition = metafunc.definition
    if definition.get_closest_marker("sqlite_only"):
        names = ["sqlite"]
    elif choice == "both" and any(definition.get_closest_marker(m) for m in NOT_DEFAULT_SUITE):
        names = ["sqlite"]  # the long tests: once is enough for the time budget
    metafunc.parametrize("database", names, indirect=True)


def _database_of(item: pytest.Item) -> str | None:
    """The database a collected test runs on: its ``database`` parameter, or that of a
    both-databases fixture (``tests.postgres.settings``, a module's ``database_url``), or
    PostgreSQL for the tests that ask for a server themselves (``postgres_url``)."""
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    for name in ("database", "settings", "database_url"):
        if params.get(name) in ("sqlite", "postgresql"):
            return str(params[name])
    server = {"postgres_url", "postgres_database", "postgres_socket"}
    if server & set(getattr(item, "fixturenames", ())):
        return "postgresql"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--database=postgresql`` only the tests that run on PostgreSQL are kept.
    Browser tests run last. Playwright's sync API keeps an event loop running in the main
    thread for as long as the session's Chromium is open, and pytest-asyncio cannot start its
    own loop beside it: every async test must have run before the first browser test."""
    if config.getoption("database") == "postgresql":
        kept = [item for item in items if _database_of(item) == "postgresql"]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept
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
def database(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: set per test by ``pytest_generate_tests``."""
    return str(getattr(request, "param", "sqlite"))


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def database_url(request: pytest.FixtureRequest, database: str, tmp_path: Path) -> str:
    """The test's own database: a new SQLite file, or a new PostgreSQL database at head."""
    if database == "postgresql":
        return str(request.getfixturevalue("postgres_database"))
    return sqlite_url(tmp_path)


@pytest.fixture
def settings(tmp_path: Path, kb_dir: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, kb_dir, database_url)


def make_settings(tmp_path: Path, kb_dir: Path, database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
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
