"""The staff console's JSON API: the case queue and the actions on a case.

Authentication is the staff session cookie (sign in at ``/staff/login``); every POST also
carries the session's CSRF token in ``X-CSRF-Token`` (``GET /api/staff/session`` returns it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request

from assistant.db.clock import as_utc
from assistant.web.api.responses import error, not_found, staff_auth
from assistant.web.deps import (
    AccessLogDep,
    AgentStaff,
    CasesDep,
    CaseViewsDep,
    CsrfChecked,
    SettingsDep,
    StaffSessionDep,
)
from assistant.web.staff.case_views import case_public
from assistant.web.staff.labels import time_label
from assistant.web.staff.language import console_language
from assistant.web.staff.schemas import (
    CaseDetailPublic,
    CaseListPublic,
    CasePublic,
    CloseRequest,
    MessagePublic,
    NotePublic,
    NoteRequest,
    ReplyRequest,
    StaffPublic,
    StaffSessionPublic,
)

_AUTH = staff_auth(
    "Role too low (`role_forbidden`), missing or wrong CSRF token (`csrf_rejected`), or not "
    "the case's owner (`case_not_owned`)."
)
_CASE = {**_AUTH, **not_found("case", "case_not_found")}

router = APIRouter(prefix="/api/staff", tags=["staff"], responses=_AUTH)


@router.get("/session", summary="The signed-in staff member and the session's CSRF token")
async def read_staff_session(
    request: Request, session: StaffSessionDep, staff: AgentStaff
) -> StaffSessionPublic:
    return StaffSessionPublic(
        staff=StaffPublic(id=staff.id, name=staff.name, role=staff.role),
        language=console_language(request, session),
        csrf_token=session.csrf_token,
    )


@router.get("/cases", summary="The open cases, oldest first, and the dead-letter count")
async def read_cases(
    request: Request,
    session: StaffSessionDep,
    staff: AgentStaff,
    views: CaseViewsDep,
) -> CaseListPublic:
    """Read by the queue page on each live event (and every 10–30 s). Labels are in the
    console language (``?lang=`` or the session's)."""
    return await views.queue(staff, console_language(request, session))


@router.get("/cases/{case_id}", summary="A case: brief, transcript and notes", responses=_CASE)
async def read_case(
    case_id: int,
    request: Request,
    session: StaffSessionDep,
    staff: AgentStaff,
    views: CaseViewsDep,
    access_log: AccessLogDep,
) -> CaseDetailPublic:
    """Recorded in the access log (who, when, which case)."""
    detail = await views.case(case_id, staff, console_language(request, session))
    await access_log.viewed_case(staff.id, detail.case.id, detail.case.reference)
    return detail


@router.post(
    "/cases/{case_id}/claim",
    summary="Claim a case: the visitor's chat goes to you and the assistant falls silent",
    responses={
        **_CASE,
        409: error("Already claimed (`case_already_claimed`)."),
    },
)
async def claim_case(
    case_id: int, request: Request, session: CsrfChecked, staff: AgentStaff, cases: CasesDep
) -> CasePublic:
    """Atomic: of simultaneous claims exactly one gets 200, the others 409."""
    case = await cases.claim(case_id, staff.id)
    return case_public(
        case,
        language=console_language(request, session),
        names={staff.id: staff.name},
        viewer=staff,
        now=datetime.now(UTC),
    )


@router.post(
    "/cases/{case_id}/reply",
    status_code=201,
    summary="Send a message to the visitor's live chat (owner only)",
    responses=_CASE,
)
async def reply_to_case(
    case_id: int, body: ReplyRequest, _: CsrfChecked, staff: AgentStaff, cases: CasesDep
) -> MessagePublic:
    message = await cases.reply(case_id, staff.id, body.text)
    return MessagePublic(
        id=message.id,
        sender=message.sender,
        text=message.text,
        created_at=as_utc(message.created_at),
    )


@router.post(
    "/cases/{case_id}/handback",
    summary="Hand the visitor's chat back to the assistant (owner only)",
    responses=_CASE,
)
async def hand_back_case(
    case_id: int,
    request: Request,
    session: CsrfChecked,
    staff: AgentStaff,
    cases: CasesDep,
    views: CaseViewsDep,
) -> CaseDetailPublic:
    await cases.hand_back(case_id, staff.id)
    return await views.case(case_id, staff, console_language(request, session))


@router.post(
    "/cases/{case_id}/close",
    summary="Close a case with its resolution (owner only)",
    responses=_CASE,
)
async def close_case(
    case_id: int,
    body: CloseRequest,
    request: Request,
    session: CsrfChecked,
    staff: AgentStaff,
    cases: CasesDep,
    views: CaseViewsDep,
) -> CaseDetailPublic:
    await cases.close(case_id, staff.id, body.resolution)
    return await views.case(case_id, staff, console_language(request, session))


@router.post(
    "/cases/{case_id}/notes",
    status_code=201,
    summary="Add an internal note (never shown to the visitor)",
    responses=_CASE,
)
async def add_case_note(
    case_id: int,
    body: NoteRequest,
    _: CsrfChecked,
    staff: AgentStaff,
    cases: CasesDep,
    settings: SettingsDep,
) -> NotePublic:
    note = await cases.add_note(case_id, staff.id, body.text)
    return NotePublic(
        id=note.id,
        author=staff.name,
        text=note.text,
        created_at=as_utc(note.created_at),
        time_label=time_label(note.created_at, settings.bureau_timezone),
    )
