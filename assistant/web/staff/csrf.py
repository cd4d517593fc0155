"""CSRF protection: every state-changing staff request carries the session's token, in the
``X-CSRF-Token`` header (JSON API) or the ``csrf_token`` form field (pages). The route
dependency is ``assistant.web.deps.require_csrf``."""

from __future__ import annotations

import hmac

from fastapi import Request

from assistant.core.errors import AssistantError

HEADER = "X-CSRF-Token"
FORM_FIELD = "csrf_token"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfRejected(AssistantError):
    """The request's CSRF token is missing or is not this session's."""

    code = "csrf_rejected"


def tokens_match(expected: str, given: str | None) -> bool:
    if not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


async def submitted_token(request: Request) -> str | None:
    """The header's token, else the form field's (the form is parsed once and cached)."""
    header = request.headers.get(HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(_FORM_TYPES):
        value = (await request.form()).get(FORM_FIELD)
        return value if isinstance(value, str) else None
    return None
