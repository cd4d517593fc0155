"""The admins' account pages: the list of staff accounts with their actions (invite, disable,
enable, reset the password, change the role, sign out everywhere) and the account audit.
Server-rendered like the rest of the console: admin role, CSRF on every form, post/redirect/get
with a notice or error code. The rules are ``assistant.staff.accounts``'s."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.core.i18n import t
from assistant.staff import audit
from assistant.staff.accounts import AccountInvalid, AccountNotFound, LastActiveAdmin
from assistant.staff.roles import ROLES, Role
from assistant.staff.service import StaffExists
from assistant.web.deps import AccountsDep, SessionsDep, SettingsDep
from assistant.web.staff.accounts_views import account_rows, audit_rows, role_choices
from assistant.web.staff.page import (
    Refusals,
    TextField,
    Viewer,
    flash,
    form_viewer,
    page_viewer,
    redirect,
    render,
)
from assistant.web.staff.urls import ACCOUNT_AUDIT, ACCOUNTS

router = APIRouter(prefix=ACCOUNTS, include_in_schema=False)

NOTICES = {
    notice: f"accounts.notice.{notice}"
    for notice in ("invited", "disabled", "enabled", "reset", "signed_out", "role_changed")
}
ERRORS = {
    "last_active_admin": "last_active_admin",
    "staff_exists": "staff_exists",
    "staff.email_invalid": "staff.email_invalid",
    "staff.name_invalid": "staff.name_invalid",
    "accounts.role_invalid": "accounts.role_invalid",
}


async def _admin_viewer(viewer: Annotated[Viewer, Depends(page_viewer)]) -> Viewer:
    viewer.require("admin")
    return viewer


async def _admin_form_viewer(viewer: Annotated[Viewer, Depends(form_viewer)]) -> Viewer:
    viewer.require("admin")
    return viewer


AdminViewerDep = Annotated[Viewer, Depends(_admin_viewer)]
AdminFormDep = Annotated[Viewer, Depends(_admin_form_viewer)]


def _refusals(viewer: Viewer) -> Refusals:
    return Refusals(viewer, ACCOUNTS, missing=AccountNotFound, refused=(LastActiveAdmin,))


@router.get("", response_class=HTMLResponse)
async def read_accounts_page(
    request: Request, viewer: AdminViewerDep, accounts: AccountsDep
) -> Response:
    context = {
        "title": t("accounts.title", viewer.language),
        "accounts": account_rows(await accounts.list_accounts(), viewer.staff, viewer.language),
        "roles": role_choices(viewer.language),
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "accounts.html", viewer.language, context, viewer=viewer)


@router.post("")
async def invite_account_form(
    viewer: AdminFormDep,
    accounts: AccountsDep,
    email: TextField = "",
    name: TextField = "",
    role: TextField = "agent",
) -> Response:
    """Creates the account and stages its invitation email (the outbox sends it)."""
    try:
        await accounts.invite(viewer.staff.id, email=email, name=name, role=role)
    except AccountInvalid as error:
        return redirect(ACCOUNTS, error=error.key)
    except StaffExists as error:
        return redirect(ACCOUNTS, error=error.code)
    return redirect(ACCOUNTS, notice="invited")


@router.post("/{staff_id}/disable")
async def disable_account_form(
    staff_id: int, viewer: AdminFormDep, accounts: AccountsDep
) -> RedirectResponse:
    with _refusals(viewer) as attempt:
        await accounts.set_active(viewer.staff.id, staff_id, False)
    return attempt.refusal or redirect(ACCOUNTS, notice="disabled")


@router.post("/{staff_id}/enable")
async def enable_account_form(
    staff_id: int, viewer: AdminFormDep, accounts: AccountsDep
) -> RedirectResponse:
    with _refusals(viewer) as attempt:
        await accounts.set_active(viewer.staff.id, staff_id, True)
    return attempt.refusal or redirect(ACCOUNTS, notice="enabled")


@router.post("/{staff_id}/reset")
async def reset_password_form(
    staff_id: int, viewer: AdminFormDep, accounts: AccountsDep
) -> RedirectResponse:
    """The old password stops working; a new invitation link goes to the account's email."""
    with _refusals(viewer) as attempt:
        await accounts.reset_password(viewer.staff.id, staff_id)
    return attempt.refusal or redirect(ACCOUNTS, notice="reset")


@router.post("/{staff_id}/sign-out")
async def sign_out_everywhere_form(
    staff_id: int, viewer: AdminFormDep, accounts: AccountsDep
) -> RedirectResponse:
    with _refusals(viewer) as attempt:
        await accounts.sign_out_everywhere(viewer.staff.id, staff_id)
    return attempt.refusal or redirect(ACCOUNTS, notice="signed_out")


@router.post("/{staff_id}/role")
async def change_role_form(
    staff_id: int, viewer: AdminFormDep, accounts: AccountsDep, role: TextField = ""
) -> RedirectResponse:
    if role not in ROLES:
        return redirect(ACCOUNTS, error="accounts.role_invalid")
    new_role: Role = role  # type: ignore[assignment]  # checked just above
    with _refusals(viewer) as attempt:
        await accounts.change_role(viewer.staff.id, staff_id, new_role)
    return attempt.refusal or redirect(ACCOUNTS, notice="role_changed")


@router.get("/audit", response_class=HTMLResponse)
async def read_account_audit_page(
    request: Request, viewer: AdminViewerDep, sessions: SessionsDep, settings: SettingsDep
) -> Response:
    records = await audit.recent(sessions)
    context = {
        "title": t("accounts.audit_title", viewer.language),
        "records": audit_rows(records, settings.bureau_timezone, viewer.language),
        "accounts_url": ACCOUNTS,
        "audit_url": ACCOUNT_AUDIT,
    }
    return render(request, "account_audit.html", viewer.language, context, viewer=viewer)
