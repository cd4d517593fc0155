"""CORS for the embeddable widget: the public chat API answers the websites that embed it.

Only the visitor-facing routes (chat, feedback, a conversation's transcript and live events)
are shared, never the staff console's; no credentials are allowed, the conversation id in the
request is the only key. Origins come from ``ASSISTANT_WIDGET_ORIGINS``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

PUBLIC_PATHS = ("/api/chat", "/api/feedback", "/api/conversations/")
_PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, Last-Event-ID",
    "Access-Control-Max-Age": "600",
}


def parse_origins(setting: str) -> frozenset[str]:
    return frozenset(origin.strip().rstrip("/") for origin in setting.split(",") if origin.strip())


def _allowed_origin(request: Request, origins: frozenset[str]) -> str | None:
    origin = request.headers.get("origin")
    if not origin or not request.url.path.startswith(PUBLIC_PATHS):
        return None
    if "*" in origins:
        return "*"
    return origin if origin in origins else None


def install_widget_cors(app: FastAPI, setting: str) -> None:
    origins = parse_origins(setting)

    @app.middleware("http")
    async def _widget_cors(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        allowed = _allowed_origin(request, origins)
        preflight = request.method == "OPTIONS" and "access-control-request-method" in (
            request.headers
        )
        if allowed and preflight:
            return Response(
                status_code=204,
                headers={"Access-Control-Allow-Origin": allowed, "Vary": "Origin", **_PREFLIGHT},
            )
        response = await call_next(request)
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = allowed
            response.headers["Access-Control-Expose-Headers"] = "Retry-After"  # 429, 503
            response.headers.append("Vary", "Origin")
        return response
