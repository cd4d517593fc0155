"""The staff console's pages: sign-in, the case queue and a case (server-rendered, bilingual).

Every page goes through Jinja autoescaping; visitor text is never marked safe. Forms post the
session's CSRF token; actions answer with a redirect (post/redirect/get) carrying a notice or
an error code that the page turns into a message from a fixed list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assistant.cases.service import CaseAlreadyClaimed, CaseNotFound, CaseNotOwned
from assistant.core.i18n import Language, t
from assistant.db.models import Staff
from assistant.staff.auth import (
    InvalidCredentials,
    LoginThrottled,
    client_host,
    read_session,
    session_staff,
    sign_in,
)
from assistant.staff.csrf import submitted_token, tokens_match
from assistant.staff.language import console_language, requested_language
from assistant.staff.roles import has_role
from assistant.staff.schemas import TEXT_MAX
from assistant.staff.session import (
    StaffSession,
    clear_session_cookie,
    new_session,
    set_session_cookie,
)
from assistant.staff.views import case_view, queue_view
from assistant.web.deps import ServicesDep

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined
    )
)
router = APIRouter(prefix="/staff", include_in_schema=False)

HOME = "/staff"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
# Codes a redirect may carry back to a page, and the message each one shows.
NOTICES = {
    "claimed": "staff.notice.claimed",
    "replied": "staff.notice.replied",
    "handed_back": "staff.notice.handed_back",
    "closed": "staff.notice.closed",
    "noted": "staff.notice.noted",
}
ERRORS = {
    "case_already_claimed": "case_already_claimed",
    "case_not_owned": "case_not_owned",
    "text_invalid": "staff.text_invalid",
}


class LoginRequired(Exception):
    """No valid session: the browser goes to the sign-in page and comes back afterwards."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageError(Exception):
    """Shown as an error page with this status and message (an i18n key)."""

    def __init__(self, status: int, key: str, language: Language = "fr") -> None:
        super().__init__(key)
        self.status, self.key, self.language = status, key, language


@dataclass(frozen=True)
class Viewer:
    staff: Staff
    session: StaffSession
    language: Language

    @property
    def language_changed(self) -> bool:
        return self.session.language != self.language


async def page_viewer(request: Request) -> Viewer:
    """The signed-in staff member viewing a page; otherwise a redirect to sign in."""
    session = read_session(request)
    staff = await session_staff(request, session) if session is not None else None
    if session is None or staff is None:
        raise LoginRequired(request.url.path)
    language = console_language(request, session)
    if not has_role(staff, "agent"):
        raise PageError(403, "role_forbidden", language)
    return Viewer(staff, session, language)


async def form_viewer(request: Request, viewer: Annotated[Viewer, Depends(page_viewer)]) -> Viewer:
    """As page_viewer, for a form POST: it must carry the session's CSRF token."""
    if not tokens_match(viewer.session.csrf_token, await submitted_token(request)):
        raise PageError(403, "csrf_rejected", viewer.language)
    return viewer


ViewerDep = Annotated[Viewer, Depends(page_viewer)]
FormViewerDep = Annotated[Viewer, Depends(form_viewer)]
TextField = Annotated[str, Form()]


def safe_next(path: str | None) -> str:
    """Only console paths: never an open redirect to another site."""
    if not path or not path.startswith(HOME) or "//" in path or "\\" in path:
        return HOME
    return path


def _tr(language: Language) -> Callable[[str], str]:
    return lambda key: t(key, language)


def _other(language: Language) -> Language:
    return "en" if language == "fr" else "fr"


def _other_language_href(request: Request, language: Language) -> str:
    query: dict[str, str] = {"lang": _other(language)}
    if "next" in request.query_params:
        query["next"] = request.query_params["next"]
    return f"{request.url.path}?{urlencode(query)}"


def render(
    request: Request,
    template: str,
    language: Language,
    context: dict[str, Any],
    *,
    viewer: Viewer | None = None,
    status: int = 200,
) -> HTMLResponse:
    other = _other(language)
    response = templates.TemplateResponse(
        request,
        f"staff/{template}",
        {
            "lang": language,
            "tr": _tr(language),
            "tr_other": _tr(other),  # sign-in errors are shown in both languages
            "staff": viewer.staff if viewer else None,
            "csrf_token": viewer.session.csrf_token if viewer else "",
            "other_lang": other,
            "other_lang_name": LANGUAGE_NAMES[other],
            "other_lang_href": _other_language_href(request, language),
            "notice": NOTICES.get(request.query_params.get("notice", "")),
            "error": ERRORS.get(request.query_params.get("error", "")),
            **context,
        },
        status_code=status,
    )
    if viewer is not None and viewer.language_changed:  # ?lang= switches the console
        session = viewer.session.with_language(viewer.language)
        set_session_cookie(response, request.app.state.services.settings, session)
    return response


# --- sign-in -----------------------------------------------------------------------------


def _login_page(
    request: Request, language: Language, next_path: str, error: str | None, status: int
) -> HTMLResponse:
    return render(
        request,
        "login.html",
        language,
        {"title": t("staff.sign_in", language), "next": next_path, "login_error": error},
        status=status,
    )


def _same_origin(request: Request) -> bool:
    """A sign-in posted from another site (login CSRF) is refused; browsers send Origin."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


@router.get("/login", response_class=HTMLResponse)
async def read_login(request: Request, next: str | None = None) -> Response:
    session = read_session(request)
    if session is not None and await session_staff(request, session) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    language = console_language(request, None)
    return _login_page(request, language, safe_next(next), None, 200)


@router.post("/login", response_class=HTMLResponse)
async def sign_in_staff(
    request: Request,
    services: ServicesDep,
    email: TextField = "",
    password: TextField = "",
    lang: TextField = "fr",
    next: TextField = HOME,
) -> Response:
    language: Language = "en" if lang == "en" else "fr"
    if not _same_origin(request):
        raise PageError(403, "csrf_rejected", language)
    try:
        staff = await sign_in(services, email=email, password=password, host=client_host(request))
    except LoginThrottled:
        page = _login_page(request, language, safe_next(next), "login_throttled", 429)
        page.headers["Retry-After"] = str(services.settings.login_window_seconds)
        return page
    except InvalidCredentials:
        return _login_page(request, language, safe_next(next), "invalid_credentials", 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, services.settings, new_session(staff.id, language))
    return response


@router.post("/logout")
async def sign_out_staff(viewer: FormViewerDep, services: ServicesDep) -> Response:
    response = RedirectResponse(f"/staff/login?lang={viewer.language}", status_code=303)
    clear_session_cookie(response, services.settings)
    return response


# --- queue and cases ---------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
async def read_queue(request: Request, viewer: ViewerDep, services: ServicesDep) -> Response:
    queue = await queue_view(services, viewer.staff, viewer.language)
    context = {"title": t("staff.queue_title", viewer.language), "queue": queue}
    return render(request, "queue.html", viewer.language, context, viewer=viewer)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def read_case_page(
    case_id: int, request: Request, viewer: ViewerDep, services: ServicesDep
) -> Response:
    try:
        detail = await case_view(services, case_id, viewer.staff, viewer.language)
    except CaseNotFound as error:
        raise PageError(404, "case_not_found", viewer.language) from error
    title = t("staff.case_title", viewer.language).format(reference=detail.case.reference)
    context = {"title": title, "detail": detail, "text_max": TEXT_MAX}
    return render(request, "case.html", viewer.language, context, viewer=viewer)


def _to_case(case_id: int, **query: str) -> RedirectResponse:
    return RedirectResponse(f"/staff/cases/{case_id}?{urlencode(query)}", status_code=303)


def _acceptable(text: str) -> bool:
    """A message, note or resolution: 1 to TEXT_MAX characters, not only blanks."""
    return bool(text.strip()) and len(text) <= TEXT_MAX


async def _act(viewer: Viewer, case_id: int, action: Awaitable[object], notice: str) -> Response:
    try:
        await action
    except CaseNotFound as error:
        raise PageError(404, "case_not_found", viewer.language) from error
    except (CaseAlreadyClaimed, CaseNotOwned) as error:
        return _to_case(case_id, error=error.code)
    return _to_case(case_id, notice=notice)


@router.post("/cases/{case_id}/claim")
async def claim_case_form(case_id: int, viewer: FormViewerDep, services: ServicesDep) -> Response:
    return await _act(viewer, case_id, services.cases.claim(case_id, viewer.staff.id), "claimed")


@router.post("/cases/{case_id}/reply")
async def reply_to_case_form(
    case_id: int, viewer: FormViewerDep, services: ServicesDep, text: TextField = ""
) -> Response:
    if not _acceptable(text):
        return _to_case(case_id, error="text_invalid")
    action = services.cases.reply(case_id, viewer.staff.id, text)
    return await _act(viewer, case_id, action, "replied")


@router.post("/cases/{case_id}/handback")
async def hand_back_case_form(
    case_id: int, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    action = services.cases.hand_back(case_id, viewer.staff.id)
    return await _act(viewer, case_id, action, "handed_back")


@router.post("/cases/{case_id}/close")
async def close_case_form(
    case_id: int, viewer: FormViewerDep, services: ServicesDep, resolution: TextField = ""
) -> Response:
    if not _acceptable(resolution):
        return _to_case(case_id, error="text_invalid")
    action = services.cases.close(case_id, viewer.staff.id, resolution)
    return await _act(viewer, case_id, action, "closed")


@router.post("/cases/{case_id}/notes")
async def add_case_note_form(
    case_id: int, viewer: FormViewerDep, services: ServicesDep, text: TextField = ""
) -> Response:
    if not _acceptable(text):
        return _to_case(case_id, error="text_invalid")
    action = services.cases.add_note(case_id, viewer.staff.id, text)
    return await _act(viewer, case_id, action, "noted")


# --- errors ------------------------------------------------------------------------------


async def _redirect_to_login(request: Request, error: Exception) -> Response:
    assert isinstance(error, LoginRequired)
    query = {"next": safe_next(error.next_path)}
    language = requested_language(request)
    if language:
        query["lang"] = language
    return RedirectResponse(f"/staff/login?{urlencode(query)}", status_code=303)


async def _error_page(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageError)
    context = {
        "title": t("staff.error_title", error.language),
        "message": t(error.key, error.language),
    }
    return render(request, "error.html", error.language, context, status=error.status)


def install_page_handlers(app: FastAPI) -> None:
    """Pages answer with a redirect to sign in or an HTML error page, never JSON."""
    app.add_exception_handler(LoginRequired, _redirect_to_login)
    app.add_exception_handler(PageError, _error_page)
