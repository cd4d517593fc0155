"""Pages for one's own account: changing one's password (the current one required; every other
session of the account ends, this browser gets a new session), and the invitation link that
sets a new account's password (or a reset one) — single use, expiring, no sign-in needed.
The rules are ``assistant.staff.accounts``'s."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.core.i18n import Language, t
from assistant.staff.accounts import InvitationInvalid, PasswordRefused, WrongCurrentPassword
from assistant.staff.invitations import INVITATION_PATH
from assistant.web.deps import AccountsDep, SessionStoreDep, SettingsDep
from assistant.web.staff.cookies import set_session_cookie
from assistant.web.staff.language import console_language
from assistant.web.staff.login_pages import same_origin
from assistant.web.staff.page import (
    FormViewerDep,
    PageError,
    TextField,
    ViewerDep,
    flash,
    redirect,
    render,
)
from assistant.web.staff.urls import MY_ACCOUNT

router = APIRouter(include_in_schema=False)

NOTICES = {"password_changed": "accounts.notice.password_changed"}
ERRORS = {
    "wrong_current_password": "wrong_current_password",
    "staff.password_too_short": "staff.password_too_short",
    "staff.password_too_long": "staff.password_too_long",
    "staff.password_mismatch": "staff.password_mismatch",
}


@router.get(MY_ACCOUNT, response_class=HTMLResponse)
async def read_my_account_page(request: Request, viewer: ViewerDep) -> Response:
    context = {"title": t("accounts.own_title", viewer.language), **flash(request, NOTICES, ERRORS)}
    return render(request, "account.html", viewer.language, context, viewer=viewer)


@router.post(f"{MY_ACCOUNT}/password")
async def change_my_password_form(
    viewer: FormViewerDep,
    accounts: AccountsDep,
    store: SessionStoreDep,
    settings: SettingsDep,
    current_password: TextField = "",
    new_password: TextField = "",
    confirmation: TextField = "",
) -> Response:
    try:
        await accounts.change_own_password(
            viewer.staff, current=current_password, new=new_password, confirmation=confirmation
        )
    except WrongCurrentPassword as error:
        return redirect(MY_ACCOUNT, error=error.code)
    except PasswordRefused as error:
        return redirect(MY_ACCOUNT, error=error.key)
    # Every session of the account has ended, this one too: this browser gets a new one.
    session_id, session = await store.open(viewer.staff.id, viewer.language)
    response = redirect(MY_ACCOUNT, notice="password_changed")
    set_session_cookie(response, settings, session_id, session)
    return response


def _invitation_page(
    request: Request, language: Language, email: str, error: str | None, status: int = 200
) -> HTMLResponse:
    context = {
        "title": t("accounts.invitation_title", language),
        "intro": t("accounts.invitation_intro", language).format(email=email),
        "action": request.url.path,
        "error": error,
    }
    page = render(request, "invitation.html", language, context, status=status)
    page.headers["Cache-Control"] = "no-store"  # the link is a credential until used
    return page


@router.get(INVITATION_PATH + "{token}", response_class=HTMLResponse)
async def read_invitation_page(request: Request, token: str, accounts: AccountsDep) -> Response:
    """Showing the page does not use the link up (mail scanners open links)."""
    language = console_language(request, None)
    try:
        staff = await accounts.invited_account(token)
    except InvitationInvalid as error:
        raise PageError(404, error.code, language) from error
    return _invitation_page(request, language, staff.email, None)


@router.post(INVITATION_PATH + "{token}", response_class=HTMLResponse)
async def accept_invitation_form(
    request: Request,
    token: str,
    accounts: AccountsDep,
    password: TextField = "",
    confirmation: TextField = "",
    lang: TextField = "fr",
) -> Response:
    language: Language = "en" if lang == "en" else "fr"
    if not same_origin(request):
        raise PageError(403, "csrf_rejected", language)
    try:
        await accounts.accept_invitation(token, password, confirmation)
    except InvitationInvalid as error:
        raise PageError(404, error.code, language) from error
    except PasswordRefused as error:
        staff = await accounts.invited_account(token)
        return _invitation_page(request, language, staff.email, error.key, 422)
    return redirect("/staff/login", notice="password_set", lang=language)
