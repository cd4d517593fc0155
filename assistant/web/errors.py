"""Turns domain errors and invalid requests into JSON errors with a bilingual message."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException

from assistant.cases.service import CaseAlreadyClaimed, CaseNotFound, CaseNotOwned
from assistant.chat.limits import RateLimited
from assistant.core.errors import (
    AssistantError,
    AssistantUnavailable,
    ConversationNotFound,
    InvalidPayload,
    KBDraftConflict,
    KBDraftInvalid,
    KBDuplicateQuestion,
    KBEntryExists,
    KBEntryNotFound,
    KBNoDraft,
    KBParityRequired,
    KBVersionNotFound,
)
from assistant.core.i18n import both, t
from assistant.inbox.errors import InboxItemsNotFound
from assistant.staff.accounts import (
    AccountInvalid,
    AccountNotFound,
    InvitationInvalid,
    LastActiveAdmin,
    PasswordRefused,
    WrongCurrentPassword,
)
from assistant.staff.auth import InvalidCredentials, LoginThrottled, NotSignedIn
from assistant.staff.roles import RoleForbidden
from assistant.staff.service import StaffExists
from assistant.web.staff.csrf import CsrfRejected

log = logging.getLogger(__name__)

_STATUS: dict[type[AssistantError], int] = {
    AssistantUnavailable: 503,
    ConversationNotFound: 404,
    InvalidPayload: 400,
}
# Staff console (assistant/staff, /api/staff)
_STATUS |= {
    CaseNotFound: 404,
    CaseAlreadyClaimed: 409,
    CaseNotOwned: 403,
    NotSignedIn: 401,
    InvalidCredentials: 401,
    LoginThrottled: 429,
    RoleForbidden: 403,
    CsrfRejected: 403,
    StaffExists: 409,
}
# Staff accounts (assistant/staff/accounts.py)
_STATUS |= {
    AccountNotFound: 404,
    LastActiveAdmin: 409,
    AccountInvalid: 422,
    PasswordRefused: 422,
    WrongCurrentPassword: 403,
    InvitationInvalid: 404,
}
# Knowledge-base editor (assistant/kb/store.py, /api/staff/kb)
_STATUS |= {
    KBEntryNotFound: 404,
    KBVersionNotFound: 404,
    KBEntryExists: 409,
    KBDuplicateQuestion: 409,
    KBNoDraft: 409,
    KBDraftConflict: 409,
    KBDraftInvalid: 422,
    KBParityRequired: 422,
}
# Review inbox (assistant/inbox, /api/staff/inbox)
_STATUS |= {InboxItemsNotFound: 404}


def _body(code: str, message: str, conversation_id: str | None = None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "conversation_id": conversation_id}}


async def _assistant_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AssistantError)
    status = _STATUS.get(type(error), 400)
    message = t(error.code, error.language) if error.language else both(error.code)
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse(_body(error.code, message, error.conversation_id), status, headers=headers)


async def _rate_limited(_: Request, error: Exception) -> JSONResponse:
    """An abuse limit (assistant/chat/limits.py): 429, when to retry, and why, bilingual."""
    assert isinstance(error, RateLimited)
    message = t(error.code, error.language) if error.language else both(error.code)
    headers = {"Retry-After": str(error.retry_after)}
    return JSONResponse(_body(error.code, message, error.conversation_id), 429, headers=headers)


async def _invalid_draft(_: Request, error: Exception) -> JSONResponse:
    """As any domain error, plus the list of problems (field: message) to fix."""
    assert isinstance(error, KBDraftInvalid)
    body = _body(error.code, both(error.code))
    body["error"]["problems"] = error.problems  # type: ignore[index]
    return JSONResponse(body, 422)


async def _invalid_request(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in error.errors()
    )
    message = f"{both('invalid_request')} ({problems})"
    return JSONResponse(_body("invalid_request", message), 422)


async def _http_error(request: Request, error: Exception) -> Response:
    """The framework's own refusals (a body that is not JSON or not UTF-8, an unknown route)
    in the API's error shape on ``/api/``; pages keep the framework's default."""
    assert isinstance(error, HTTPException)
    if not request.url.path.startswith("/api/"):
        return await http_exception_handler(request, error)
    code = {400: "invalid_request", 404: "api_not_found", 405: "api_not_found"}.get(
        error.status_code, "error"
    )
    return JSONResponse(_body(code, both(code)), error.status_code, headers=error.headers)


async def _database_error(_: Request, error: Exception) -> JSONResponse:
    """Never the database's own message (statement, bound values) to a client: a constraint
    a concurrent change broke is a 409, anything else a plain 500."""
    if isinstance(error, IntegrityError):
        return JSONResponse(_body("conflict", both("conflict")), 409)
    log.error("database error: %s", type(error).__name__)  # the engine hides bound values
    return JSONResponse(_body("error", both("error")), 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SQLAlchemyError, _database_error)
    app.add_exception_handler(AssistantError, _assistant_error)
    app.add_exception_handler(KBDraftInvalid, _invalid_draft)
    app.add_exception_handler(RateLimited, _rate_limited)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
