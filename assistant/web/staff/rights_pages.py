"""The privacy page (``/staff/privacy``): a person's rights from the console — search by email
or case reference, see what is held, export it (JSON or a readable document in the person's
language), rectify it, delete it with a reason. Only the roles in ``ASSISTANT_PRIVACY_ROLES``
(admin by default) see it. The email is always posted, never put in a URL (URLs reach access
logs); every action is audited without personal data (``assistant/privacy/rights_audit.py``).
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from assistant.core.errors import AssistantError
from assistant.core.i18n import t
from assistant.privacy.rights import Person
from assistant.privacy.rights_audit import Actor, latest
from assistant.privacy.rights_changes import Rectification
from assistant.web.deps import RightsDep, SessionsDep, SettingsDep
from assistant.web.staff.page import (
    PrivacyFormViewerDep,
    PrivacyViewerDep,
    Viewer,
    flash,
    redirect,
    render,
)
from assistant.web.staff.rights_views import audit_rows, held_public, reasons
from assistant.web.staff.urls import PRIVACY

router = APIRouter(prefix=PRIVACY, include_in_schema=False)

NOTICES = {"rectified": "staff.privacy.notice.rectified", "deleted": "staff.privacy.notice.deleted"}
ERRORS = {
    code: f"staff.privacy.error.{code}"
    for code in (
        "person_not_identified",
        "rectification_invalid",
        "nothing_held",
        "unknown_reason",
        "not_confirmed",
    )
}
EmailField = Annotated[str, Form(max_length=254)]
ReferenceField = Annotated[str, Form(max_length=32)]
ReasonField = Annotated[str, Form(max_length=32)]


def _actor(viewer: Viewer) -> Actor:
    return Actor("console", viewer.staff.id)


async def _page(
    request: Request,
    viewer: Viewer,
    sessions: SessionsDep,
    settings: SettingsDep,
    **context: object,
) -> HTMLResponse:
    language = viewer.language
    values = {
        "title": t("staff.privacy.title", language),
        "held": None,
        "reasons": reasons(language),
        "audit": audit_rows(await latest(sessions), language, settings.bureau_timezone),
        **flash(request, NOTICES, ERRORS),
        **context,
    }
    return render(request, "privacy.html", language, values, viewer=viewer)


@router.get("", response_class=HTMLResponse)
async def read_privacy_page(
    request: Request, viewer: PrivacyViewerDep, sessions: SessionsDep, settings: SettingsDep
) -> Response:
    return await _page(request, viewer, sessions, settings)


@router.post("/search", response_class=HTMLResponse)
async def search_person_form(
    request: Request,
    viewer: PrivacyFormViewerDep,
    rights: RightsDep,
    sessions: SessionsDep,
    settings: SettingsDep,
    email: EmailField = "",
    reference: ReferenceField = "",
) -> Response:
    try:
        found = await rights.find(Person(email=email, reference=reference))
    except AssistantError as error:
        return redirect(PRIVACY, error=error.code)
    held = held_public(found, viewer.language)
    return await _page(request, viewer, sessions, settings, held=held)


@router.post("/export")
async def export_person_form(
    viewer: PrivacyFormViewerDep,
    rights: RightsDep,
    reason: ReasonField,
    email: EmailField = "",
    reference: ReferenceField = "",
    format: Annotated[str, Form(pattern="^(json|document)$")] = "json",
) -> Response:
    try:
        person = Person(email=email, reference=reference)
        subject = f"personal-information.{'html' if format == 'document' else 'json'}"
        data, document = await rights.export(person, _actor(viewer), reason, subject)
    except AssistantError as error:
        return redirect(PRIVACY, error=error.code)
    if format == "document":
        return Response(
            document,
            media_type="text/html; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="personal-information.html"'},
        )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="personal-information.json"'},
    )


@router.post("/rectify")
async def rectify_person_form(
    viewer: PrivacyFormViewerDep,
    rights: RightsDep,
    reason: ReasonField,
    email: EmailField = "",
    reference: ReferenceField = "",
    name: Annotated[str, Form(max_length=200)] = "",
    new_email: EmailField = "",
    organisation: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    changes = Rectification(name=name, email=new_email, organisation=organisation)
    try:
        person = Person(email=email, reference=reference)
        await rights.rectify(person, changes, _actor(viewer), reason)
    except AssistantError as error:
        return redirect(PRIVACY, error=error.code)
    return redirect(PRIVACY, notice="rectified")


@router.post("/delete")
async def delete_person_form(
    viewer: PrivacyFormViewerDep,
    rights: RightsDep,
    reason: ReasonField,
    email: EmailField = "",
    reference: ReferenceField = "",
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    if confirm != "yes":
        return redirect(PRIVACY, error="not_confirmed")
    try:
        await rights.delete(Person(email=email, reference=reference), _actor(viewer), reason)
    except AssistantError as error:
        return redirect(PRIVACY, error=error.code)
    return redirect(PRIVACY, notice="deleted")
