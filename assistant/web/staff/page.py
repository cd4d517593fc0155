"""What every staff console page shares: the templates, ``render`` (the language switch, the
notice or error a redirect carried), the viewer dependencies (sign-in, role, CSRF), the
post/redirect/get helper, and the HTML error pages.

Every page goes through Jinja autoescaping; visitor text is never marked safe. Forms post the
session's CSRF token; actions answer with a redirect (post/redirect/get) carrying a notice or
an error code that the page turns into a message from a fixed list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assistant.core.errors import AssistantError
from assistant.core.i18n import Language, t
from assistant.db.models import Staff
from assistant.staff.auth import active_staff
from assistant.staff.roles import Role, has_role
from assistant.staff.session import StaffSession
from assistant.web.deps import OptionalSession, SessionsDep, SessionStoreDep, get_services
from assistant.web.staff.csrf import submitted_token, tokens_match
from assistant.web.staff.language import console_language, requested_language
from assistant.web.staff.urls import HOME

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined
    )
)
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


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

    def require(self, role: Role) -> None:
        """A 403 page unless the viewer holds ``role`` (or a higher one)."""
        if not has_role(self.staff, role):
            raise PageError(403, "role_forbidden", self.language)


async def page_viewer(
    request: Request, session: OptionalSession, sessions: SessionsDep, store: SessionStoreDep
) -> Viewer:
    """The signed-in staff member viewing a page; otherwise a redirect to sign in. ``?lang=``
    switches the console, and the session remembers it."""
    staff = await active_staff(sessions, session.staff_id) if session is not None else None
    if session is None or staff is None:
        raise LoginRequired(request.url.path)
    language = console_language(request, session)
    if language != session.language:
        await store.set_language(session, language)
    viewer = Viewer(staff, session, language)
    viewer.require("agent")
    return viewer


async def form_viewer(request: Request, viewer: Annotated[Viewer, Depends(page_viewer)]) -> Viewer:
    """As page_viewer, for a form POST: it must carry the session's CSRF token."""
    if not tokens_match(viewer.session.csrf_token, await submitted_token(request)):
        raise PageError(403, "csrf_rejected", viewer.language)
    return viewer


ViewerDep = Annotated[Viewer, Depends(page_viewer)]
FormViewerDep = Annotated[Viewer, Depends(form_viewer)]


def privacy_allowed(request: Request, staff: Staff) -> bool:
    """The one rule of every privacy page (a person's rights, the access log, the incident
    register) and of their links in the console bar: the role is in ASSISTANT_PRIVACY_ROLES
    (admin by default)."""
    roles = get_services(request).settings.privacy_roles.split(",")
    return staff.role in {role.strip() for role in roles}


async def privacy_viewer(request: Request, viewer: ViewerDep) -> Viewer:
    """As page_viewer, for the privacy pages: a 403 page unless ``privacy_allowed``."""
    if not privacy_allowed(request, viewer.staff):
        raise PageError(403, "role_forbidden", viewer.language)
    return viewer


async def privacy_form_viewer(request: Request, viewer: FormViewerDep) -> Viewer:
    """As form_viewer (CSRF checked), for the privacy pages' forms."""
    return await privacy_viewer(request, viewer)


PrivacyViewerDep = Annotated[Viewer, Depends(privacy_viewer)]
PrivacyFormViewerDep = Annotated[Viewer, Depends(privacy_form_viewer)]
TextField = Annotated[str, Form()]


def safe_next(path: str | None) -> str:
    """Only console paths: never an open redirect to another site."""
    if not path or not path.startswith(HOME) or "//" in path or "\\" in path:
        return HOME
    return path


def redirect(path: str, **query: str) -> RedirectResponse:
    """Post/redirect/get: to ``path``, with a notice or error code (or other query) if given."""
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


class Refusals:
    """Around a form's action: ``missing`` (no such case or entry) shows the 404 page; an error
    in ``refused`` goes back to ``back`` with its code (``refusal`` is that redirect); any
    other error passes through.

        with Refusals(viewer, back, missing=CaseNotFound, refused=(CaseNotOwned,)) as attempt:
            await cases.close(...)
        return attempt.refusal or redirect(back, notice="closed")
    """

    def __init__(
        self,
        viewer: Viewer,
        back: str,
        *,
        missing: type[AssistantError],
        refused: tuple[type[AssistantError], ...],
    ) -> None:
        self._language = viewer.language
        self._back = back
        self._missing = missing
        self._refused = refused
        self.refusal: RedirectResponse | None = None

    def __enter__(self) -> Refusals:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if isinstance(error, self._missing):
            raise PageError(404, error.code, self._language) from error
        if isinstance(error, self._refused):
            self.refusal = redirect(self._back, error=error.code)
            return True
        return False


def flash(
    request: Request, notices: Mapping[str, str], errors: Mapping[str, str]
) -> dict[str, str | None]:
    """The message keys for the notice and error codes a redirect carried (fixed lists)."""
    return {
        "notice": notices.get(request.query_params.get("notice", "")),
        "error": errors.get(request.query_params.get("error", "")),
    }


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
    """``context`` may set ``notice`` and ``error`` (see ``flash``); by default none shows."""
    other = _other(language)
    response = templates.TemplateResponse(
        request,
        f"staff/{template}",
        {
            "lang": language,
            "tr": _tr(language),
            "tr_other": _tr(other),  # sign-in errors are shown in both languages
            "staff": viewer.staff if viewer else None,
            "privacy_nav": viewer is not None and privacy_allowed(request, viewer.staff),
            "csrf_token": viewer.session.csrf_token if viewer else "",
            "other_lang": other,
            "other_lang_name": LANGUAGE_NAMES[other],
            "other_lang_href": _other_language_href(request, language),
            "notice": None,
            "error": None,
            **context,
        },
        status_code=status,
    )
    return response


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
