"""One process, two servers sharing the same services: the public app and, on loopback only,
the action endpoint Rasa calls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable

import uvicorn

from assistant.core.config import Settings
from assistant.services import Services
from assistant.web.actions import create_actions_app
from assistant.web.app import create_app

log = logging.getLogger(__name__)


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop when installed, as ``uvicorn.run`` would pick (``serve`` runs two
    servers in one loop of its own, so uvicorn does not choose): a turn makes many small
    requests and database round trips through the loop (README "Chat API speed"). None:
    asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _server(app: object, host: str, port: int) -> uvicorn.Server:
    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        proxy_headers=False,  # X-Forwarded-For: trusted_proxies decide (web/client_address.py)
    )
    server = uvicorn.Server(config)
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]  # we handle them
    return server


async def serve(settings: Settings) -> None:
    services = await Services.start(settings)
    public = _server(create_app(services), settings.host, settings.port)
    internal = _server(create_actions_app(services), "127.0.0.1", settings.actions_port)

    def stop() -> None:
        public.should_exit = internal.should_exit = True

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    log.info(
        "app on http://%s:%d, actions on 127.0.0.1:%d",
        settings.host,
        settings.port,
        settings.actions_port,
    )
    try:
        tasks = [asyncio.create_task(public.serve()), asyncio.create_task(internal.serve())]
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        stop()  # one server ending (e.g. port taken) stops the other
        await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            if task.exception():
                raise task.exception()  # type: ignore[misc]
        if not (public.started and internal.started):
            raise SystemExit("the app could not start (is the port already in use?)")
    finally:
        await services.aclose()
