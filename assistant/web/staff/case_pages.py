"""The staff console's case pages: the queue and a case (brief, transcript, notes) with the
actions on it (claim, reply, hand back, close, note), each a form answered by a redirect."""

from __future__ import annotations

from collections.abc import Awaitable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.cases.service import CaseAlreadyClaimed, CaseNotFound, CaseNotOwned
from assistant.core.i18n import t
from assistant.web.deps import AccessLogDep, CasesDep, CaseViewsDep
from assistant.web.staff.page import (
    FormViewerDep,
    PageError,
    Refusals,
    TextField,
    Viewer,
    ViewerDep,
    flash,
    redirect,
    render,
)
from assistant.web.staff.schemas import TEXT_MAX
from assistant.web.staff.urls import case_url

router = APIRouter(prefix="/staff", include_in_schema=False)

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


@router.get("", response_class=HTMLResponse)
async def read_queue(request: Request, viewer: ViewerDep, views: CaseViewsDep) -> Response:
    queue = await views.queue(viewer.staff, viewer.language)
    context = {
        "title": t("staff.queue_title", viewer.language),
        "queue": queue,
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "queue.html", viewer.language, context, viewer=viewer)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def read_case_page(
    case_id: int,
    request: Request,
    viewer: ViewerDep,
    views: CaseViewsDep,
    access_log: AccessLogDep,
) -> Response:
    try:
        detail = await views.case(case_id, viewer.staff, viewer.language)
    except CaseNotFound as error:
        raise PageError(404, "case_not_found", viewer.language) from error
    await access_log.viewed_case(viewer.staff.id, detail.case.id, detail.case.reference)
    title = t("staff.case_title", viewer.language).format(reference=detail.case.reference)
    context = {
        "title": title,
        "detail": detail,
        "text_max": TEXT_MAX,
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "case.html", viewer.language, context, viewer=viewer)


def _acceptable(text: str) -> bool:
    """A message, note or resolution: 1 to TEXT_MAX characters, not only blanks."""
    return bool(text.strip()) and len(text) <= TEXT_MAX


async def _act(viewer: Viewer, case_id: int, action: Awaitable[object], notice: str) -> Response:
    back = case_url(case_id)
    refused = (CaseAlreadyClaimed, CaseNotOwned)
    with Refusals(viewer, back, missing=CaseNotFound, refused=refused) as attempt:
        await action
    return attempt.refusal or redirect(back, notice=notice)


@router.post("/cases/{case_id}/claim")
async def claim_case_form(case_id: int, viewer: FormViewerDep, cases: CasesDep) -> Response:
    return await _act(viewer, case_id, cases.claim(case_id, viewer.staff.id), "claimed")


@router.post("/cases/{case_id}/reply")
async def reply_to_case_form(
    case_id: int, viewer: FormViewerDep, cases: CasesDep, text: TextField = ""
) -> Response:
    if not _acceptable(text):
        return redirect(case_url(case_id), error="text_invalid")
    return await _act(viewer, case_id, cases.reply(case_id, viewer.staff.id, text), "replied")


@router.post("/cases/{case_id}/handback")
async def hand_back_case_form(case_id: int, viewer: FormViewerDep, cases: CasesDep) -> Response:
    action = cases.hand_back(case_id, viewer.staff.id)
    return await _act(viewer, case_id, action, "handed_back")


@router.post("/cases/{case_id}/close")
async def close_case_form(
    case_id: int, viewer: FormViewerDep, cases: CasesDep, resolution: TextField = ""
) -> Response:
    if not _acceptable(resolution):
        return redirect(case_url(case_id), error="text_invalid")
    action = cases.close(case_id, viewer.staff.id, resolution)
    return await _act(viewer, case_id, action, "closed")


@router.post("/cases/{case_id}/notes")
async def add_case_note_form(
    case_id: int, viewer: FormViewerDep, cases: CasesDep, text: TextField = ""
) -> Response:
    if not _acceptable(text):
        return redirect(case_url(case_id), error="text_invalid")
    return await _act(viewer, case_id, cases.add_note(case_id, viewer.staff.id, text), "noted")
