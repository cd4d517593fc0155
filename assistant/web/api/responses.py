"""The error responses the JSON API documents (OpenAPI ``responses=``), built one way: the staff
console's 401/403, a 404 per resource, and any other status with its error code."""

from __future__ import annotations

from typing import Any

from assistant.chat.schemas import ErrorResponse

Responses = dict[int | str, dict[str, Any]]


def error(description: str) -> dict[str, Any]:
    """One documented error response: the bilingual error body, and when it happens."""
    return {"model": ErrorResponse, "description": description}


def staff_auth(forbidden: str) -> Responses:
    """401 without a staff session; 403 for the reasons ``forbidden`` gives."""
    return {401: error("Not signed in (`not_signed_in`)."), 403: error(forbidden)}


def not_found(what: str, code: str) -> Responses:
    return {404: error(f"No such {what} (`{code}`).")}
