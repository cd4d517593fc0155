"""CORS for the embeddable widget: the public chat API answers the websites that embed it.

Only the visitor-facing routes (chat, feedback, a conversation's transcript and live events)
are shared, never the staff console's; no credentials are allowed, the conversation id in the
request is the only key. Origins come from ``ASSISTANT_WIDGET_ORIGINS``.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response

from assistant.web.asgi import ASGIApp, Message, Receive, Scope, Send

PUBLIC_PATHS = ("/api/chat", "/api/feedback", "/api/conversations/")
_PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, Last-Event-ID",
    "Access-Control-Max-Age": "600",
}


def parse_origins(setting: str) -> frozenset[str]:
    return frozenset(origin.strip().rstrip("/") for origin in setting.split(",") if origin.strip())


def _allowed_origin(path: str, origin: str | None, origins: frozenset[str]) -> str | None:
    if not origin or not path.startswith(PUBLIC_PATHS):
        return None
    if "*" in origins:
        return "*"
    return origin if origin in origins else None


class WidgetCors:
    """CORS headers for the public routes, and the answer to their preflight (pure ASGI)."""

    def __init__(self, app: ASGIApp, *, origins: str) -> None:
        self.app = app
        self.origins = parse_origins(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        allowed = _allowed_origin(scope["path"], request_headers.get("origin"), self.origins)
        if allowed is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in request_headers:
            preflight = Response(
                status_code=204,
                headers={"Access-Control-Allow-Origin": allowed, "Vary": "Origin", **_PREFLIGHT},
            )
            await preflight(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = allowed
                headers["Access-Control-Expose-Headers"] = "Retry-After"  # 429, 503
                headers.append("Vary", "Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)
