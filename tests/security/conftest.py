"""The security suite's helpers: the real app seen from chosen client addresses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack

import httpx
import pytest

from assistant.services import Services
from assistant.web.app import create_app

# The staff console's fixtures (signed-in clients on the real app), for the V2/V3/V4 tests.
from tests.staff.conftest import agent, app, clients  # noqa: F401

ClientAt = Callable[[str], httpx.AsyncClient]


@pytest.fixture
async def client_at(services: Services) -> AsyncIterator[ClientAt]:
    """``client_at("203.0.113.7")``: an HTTP client whose requests come from that address."""
    application = create_app(services)
    async with AsyncExitStack() as stack:

        def make(address: str) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=application, client=(address, 40000))
            client = httpx.AsyncClient(transport=transport, base_url="http://test")
            stack.push_async_callback(client.aclose)
            return client

        yield make
