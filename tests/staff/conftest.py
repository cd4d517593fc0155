"""Staff console fixtures: staff accounts, signed-in clients on the real app (httpx ASGI), cases
with a visitor conversation, and a real uvicorn server in a thread for the browser tests."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import AsyncExitStack
from typing import Any, TypeVar

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import select

from assistant.cases.service import NewCase
from assistant.core.config import Settings
from assistant.db.models import Case, Conversation, Message, Staff
from assistant.services import Services
from assistant.staff.passwords import hash_password
from assistant.staff.service import create_staff
from assistant.web.app import create_app
from tests.fakes import HashingEncoder

T = TypeVar("T")
PASSWORD = "correct horse battery staple"
ALICE = "alice@ville.quebec.qc.ca"
# Same algorithm, tiny cost: verifying 50 sign-ins at once stays fast. The hash records its
# own parameters, so the app verifies it exactly like a production hash.
_CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


async def add_staff(
    services: Services,
    email: str,
    *,
    name: str | None = None,
    role: str = "agent",
    password: str = PASSWORD,
    real_hash: bool = False,
) -> Staff:
    password_hash = hash_password(password) if real_hash else _CHEAP.hash(password)
    return await create_staff(
        services.sessions,
        email=email,
        name=name or email.split("@")[0].title(),
        password_hash=password_hash,
        role=role,  # type: ignore[arg-type]
    )


async def open_case(
    services: Services,
    *,
    conversation_id: str | None = "conv-1",
    messages: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> Case:
    """A conversation with its messages (visitor, then bot by default) and its case."""
    if conversation_id is not None:
        async with services.sessions() as session, session.begin():
            session.add(Conversation(id=conversation_id, language=fields.get("language", "fr")))
            for sender, text in messages or [
                ("visitor", "Je veux parler à une personne."),
                ("bot", "Je transmets votre demande au Bureau."),
            ]:
                session.add(Message(conversation_id=conversation_id, sender=sender, text=text))
    new = NewCase(conversation_id=conversation_id, **{"language": "fr", **fields})
    return await services.cases.create(new)


def login_form(email: str, password: str, **extra: str) -> dict[str, str]:
    return {"email": email, "password": password, **extra}


async def conversation(services: Services, conversation_id: str = "conv-1") -> Conversation:
    async with services.sessions() as session:
        found = await session.get(Conversation, conversation_id)
        assert found is not None
        return found


async def messages(services: Services, conversation_id: str = "conv-1") -> list[Message]:
    async with services.sessions() as session:
        query = select(Message).where(Message.conversation_id == conversation_id)
        return list((await session.execute(query.order_by(Message.id))).scalars())


class StaffClient:
    """A signed-in staff member's browser-like client: session cookie + CSRF token."""

    def __init__(self, http: httpx.AsyncClient, staff: Staff, csrf_token: str) -> None:
        self.http = http
        self.staff = staff
        self.csrf_token = csrf_token

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.http.get(path, **kwargs)

    async def post(self, path: str, json: Any = None) -> httpx.Response:
        """A JSON API call with the X-CSRF-Token header."""
        return await self.http.post(path, json=json, headers={"X-CSRF-Token": self.csrf_token})

    async def submit(self, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        """A page form post with the csrf_token field."""
        return await self.http.post(path, data={"csrf_token": self.csrf_token, **(data or {})})


class Clients:
    """Makes httpx clients on one app (optionally from a given client address)."""

    def __init__(self, app: FastAPI, stack: AsyncExitStack) -> None:
        self.app = app
        self._stack = stack

    async def anonymous(self, host: str = "127.0.0.1") -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(host, 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://test")
        return await self._stack.enter_async_context(client)

    async def sign_in(
        self, staff: Staff, password: str = PASSWORD, host: str = "127.0.0.1"
    ) -> StaffClient:
        http = await self.anonymous(host)
        response = await http.post(
            "/staff/login", data={"email": staff.email, "password": password}
        )
        assert response.status_code == 303, response.text
        session = await http.get("/api/staff/session")
        assert session.status_code == 200, session.text
        return StaffClient(http, staff, session.json()["csrf_token"])


@pytest.fixture
def app(services: Services) -> FastAPI:
    return create_app(services)


@pytest.fixture
async def clients(app: FastAPI) -> AsyncIterator[Clients]:
    async with AsyncExitStack() as stack:
        yield Clients(app, stack)


@pytest.fixture
async def agent(services: Services, clients: Clients) -> StaffClient:
    return await clients.sign_in(await add_staff(services, "agathe@ville.quebec.qc.ca"))


@pytest.fixture
async def colleague(services: Services, clients: Clients) -> StaffClient:
    return await clients.sign_in(await add_staff(services, "bruno@ville.quebec.qc.ca"))


# --- a real server for the browser ----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """The real app under uvicorn on a free loopback port, in a thread with its own event loop;
    ``run`` executes a coroutine (e.g. seeding data) on that loop, with its services."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.services: Services | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: uvicorn.Server | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="staff-live-server", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(60):
            raise RuntimeError("the live server did not start in time")
        if self._error is not None:
            raise RuntimeError("the live server failed to start") from self._error

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(30)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(60)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported by start()
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.services = await Services.start(self.settings, encoder=HashingEncoder())
        try:
            await self.services.kb_ready()
            config = uvicorn.Config(
                create_app(self.services),
                host="127.0.0.1",
                port=self.port,
                log_level="warning",
                lifespan="off",
                ws="none",
            )
            self._server = uvicorn.Server(config)
            serving = asyncio.create_task(self._server.serve())
            while not self._server.started and not serving.done():
                await asyncio.sleep(0.02)
            self._ready.set()
            await serving
        finally:
            await self.services.aclose()


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    server = LiveServer(settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
