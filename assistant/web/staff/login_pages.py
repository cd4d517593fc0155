"""The staff console's sign-in and sign-out pages (bilingual; a sign-in from another site is
refused, attempts are throttled by ``assistant.staff.auth``). Every sign-in opens a new
server-side session (and ends the one the browser had); signing out deletes it."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.core.i18n import Language, t
from assistant.staff.auth import InvalidCredentials, LoginThrottled, active_staff, sign_in
from assistant.web.deps import (
    ClientAddress,
    OptionalSession,
    SessionsDep,
    SessionStoreDep,
    SettingsDep,
)
from assistant.web.staff.cookies import clear_session_cookie, set_session_cookie
from assistant.web.staff.language import console_language
from assistant.web.staff.page import FormViewerDep, PageError, TextField, render, safe_next
from assistant.web.staff.urls import HOME

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES = {"password_set": "accounts.notice.password_set"}  # after an invitation link


def _login_page(
    request: Request,
    language: Language,
    next_path: str,
    error: str | None,
    status: int,
    notice: str | None = None,
) -> HTMLResponse:
    context = {
        "title": t("staff.sign_in", language),
        "next": next_path,
        "login_error": error,
        "notice": notice,
    }
    return render(request, "login.html", language, context, status=status)


def same_origin(request: Request) -> bool:
    """A sign-in posted from another site (login CSRF) is refused; browsers send Origin."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


@router.get("/login", response_class=HTMLResponse)
async def read_login(
    request: Request, session: OptionalSession, sessions: SessionsDep, next: str | None = None
) -> Response:
    if session is not None and await active_staff(sessions, session.staff_id) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    language = console_language(request, None)
    notice = NOTICES.get(request.query_params.get("notice", ""))
    return _login_page(request, language, safe_next(next), None, 200, notice)


@router.post("/login", response_class=HTMLResponse)
async def sign_in_staff(
    request: Request,
    sessions: SessionsDep,
    settings: SettingsDep,
    store: SessionStoreDep,
    previous: OptionalSession,
    address: ClientAddress,
    email: TextField = "",
    password: TextField = "",
    lang: TextField = "fr",
    next: TextField = HOME,
) -> Response:
    language: Language = "en" if lang == "en" else "fr"
    if not same_origin(request):
        raise PageError(403, "csrf_rejected", language)
    try:
        staff = await sign_in(
            sessions, settings, email=email, password=password, host=address or "unknown"
        )
    except LoginThrottled:
        page = _login_page(request, language, safe_next(next), "login_throttled", 429)
        page.headers["Retry-After"] = str(settings.login_window_seconds)
        return page
    except InvalidCredentials:
        return _login_page(request, language, safe_next(next), "invalid_credentials", 401)
    if previous is not None:  # a new id at every sign-in: the old one is no longer valid
        await store.end(previous)
    session_id, session = await store.open(staff.id, language)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, settings, session_id, session)
    return response


@router.post("/logout")
async def sign_out_staff(
    viewer: FormViewerDep, settings: SettingsDep, store: SessionStoreDep
) -> Response:
    await store.end(viewer.session)  # on the server: the cookie's id stops working now
    response = RedirectResponse(f"/staff/login?lang={viewer.language}", status_code=303)
    clear_session_cookie(response, settings)
    return response
