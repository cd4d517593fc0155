"""Security headers on every response of the public app.

- Everywhere: ``X-Content-Type-Options: nosniff``; ``Referrer-Policy: no-referrer`` (conversation
  ids travel in URLs), except on the staff console, which keeps ``same-origin``: under
  ``no-referrer`` browsers send ``Origin: null`` with a form post, and the sign-in refuses a
  post whose Origin is not the app's (login CSRF). HSTS in production.
- Every HTML page has a Content-Security-Policy. The staff console may not be framed at all;
  the public chat page and the demo keep today's framing (the widget itself is a script that
  other sites include, never a frame). The API docs (Swagger UI, ReDoc) load FastAPI's
  scripts from its CDN and start them with an inline script.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

from assistant.web.asgi import ASGIApp, Message, Receive, Scope, Send

STAFF_PATHS = ("/staff", "/api/staff")
# Staff pages: the app's own scripts and styles only, no framing, forms post to the app.
STAFF_CSP = (
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "base-uri 'none'; object-src 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https:; "
    "worker-src 'self' blob:; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
# Any other HTML (an error page...): nothing but the app's own resources, never framed.
DEFAULT_HTML_CSP = (
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def _csp(path: str, content_type: str) -> str | None:
    if path.startswith(STAFF_PATHS):
        return STAFF_CSP
    if path == "/" or path.startswith("/static"):
        return PUBLIC_CSP
    if path.startswith(("/docs", "/redoc")):
        return DOCS_CSP
    if content_type.startswith("text/html"):
        return DEFAULT_HTML_CSP
    return None


class SecurityHeaders:
    """Adds the headers above to every HTTP response (pure ASGI middleware)."""

    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.production = production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        staff = path.startswith(STAFF_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin" if staff else "no-referrer")
                csp = _csp(path, headers.get("content-type", ""))
                if csp:
                    headers.setdefault("Content-Security-Policy", csp)  # the demo sets its own
                if staff:
                    headers.setdefault("Cache-Control", "no-store")
                    headers.setdefault("X-Frame-Options", "DENY")
                if self.production:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
