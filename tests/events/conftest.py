"""Live updates: every test here on SQLite and on a throwaway PostgreSQL server, with the
fallback poll set to a minute (so what arrives within a second was pushed, not polled), and
an SSE reader that drives the real app (httpx's ASGI transport buffers whole responses)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from assistant.core.config import Settings
from tests.postgres import settings_on
from tests.staff import conftest as staff_fixtures

FALLBACK_SECONDS = 60.0
app, clients = staff_fixtures.app, staff_fixtures.clients  # the staff tests' fixtures


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path, kb_dir) -> Settings:  # type: ignore[no-untyped-def]
    """Both databases whatever ``--database`` says (``tests.postgres``), a minute's fallback."""
    chosen = settings_on(request, tmp_path, kb_dir)
    return chosen.model_copy(update={"events_fallback_seconds": FALLBACK_SECONDS})


class EventStream:
    """An open server-sent events response: its status, then its frames as they are sent."""

    def __init__(self) -> None:
        self.status = 0
        self.started = asyncio.Event()
        self._chunks: asyncio.Queue[str] = asyncio.Queue()
        self._buffer = ""

    async def frame(self, timeout: float = 1.0) -> str:
        """The next complete frame (comments included), or TimeoutError."""
        while "\n\n" not in self._buffer:
            self._buffer += await asyncio.wait_for(self._chunks.get(), timeout)
        frame, self._buffer = self._buffer.split("\n\n", 1)
        return frame + "\n\n"

    async def event(self, name: str, timeout: float = 1.0) -> str:
        """The next frame of event ``name``, skipping keep-alives and others."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            frame = await self.frame(max(0.0, end - loop.time()))
            if f"event: {name}\n" in frame:
                return frame

    async def nothing_for(self, seconds: float) -> bool:
        try:
            await self.frame(seconds)
        except TimeoutError:
            return True
        return False

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.started.set()
        elif message["type"] == "http.response.body" and message.get("body"):
            self._chunks.put_nowait(message["body"].decode())


@asynccontextmanager
async def event_stream(
    app: FastAPI, path: str, http: httpx.AsyncClient | None = None
) -> AsyncIterator[EventStream]:
    """GET ``path`` on ``app`` (with ``http``'s cookies) and keep the response open."""
    stream, gone = EventStream(), asyncio.Event()
    cookie = "; ".join(f"{k}={v}" for k, v in (http.cookies.items() if http else ()))
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"test"), (b"cookie", cookie.encode())],
        "client": ("127.0.0.1", 40000),
        "server": ("test", 80),
    }

    async def receive() -> dict[str, Any]:
        await gone.wait()
        return {"type": "http.disconnect"}

    task = asyncio.create_task(app(scope, receive, stream.send))
    try:
        await asyncio.wait_for(stream.started.wait(), 5)
        yield stream
    finally:
        gone.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
