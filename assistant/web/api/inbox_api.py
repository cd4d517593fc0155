"""The review inbox's JSON API: the questions the assistant failed on, grouped, and the
editor's actions on a group (send the group's ``item_ids``).

Reading needs the agent role; acting needs editor (or admin) and the session's CSRF token in
``X-CSRF-Token``. Question texts are masked before they are stored.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from assistant.chat.schemas import ErrorResponse
from assistant.inbox import service
from assistant.inbox.schemas import (
    DismissPublic,
    DraftPublic,
    InboxPublic,
    ItemsRequest,
    PhrasingPublic,
    PhrasingRequest,
)
from assistant.staff.language import console_language
from assistant.web.deps import AgentStaff, CsrfChecked, EditorStaff, ServicesDep, StaffSessionDep

_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Not signed in (`not_signed_in`)."},
    403: {
        "model": ErrorResponse,
        "description": "Role too low (`role_forbidden`: acting needs editor) or missing CSRF "
        "token (`csrf_rejected`).",
    },
}
_ITEMS: dict[int | str, dict[str, Any]] = {
    **_AUTH,
    404: {"model": ErrorResponse, "description": "No such items (`inbox_items_not_found`)."},
}

router = APIRouter(prefix="/api/staff/inbox", tags=["staff: review inbox"], responses=_AUTH)


@router.get("", summary="The failed questions, masked and grouped by similarity")
async def read_inbox(
    request: Request, session: StaffSessionDep, staff: AgentStaff, services: ServicesDep
) -> InboxPublic:
    """Collects the new failures first (no-answer, clarification, out-of-scope questions that
    look in scope, 👎 answers, escalations), then returns the open groups, most frequent
    first."""
    return await service.inbox_view(services, staff, console_language(request, session))


@router.post(
    "/phrasing",
    summary="Add a group's question as a new phrasing of a published entry (live at once)",
    responses={
        **_ITEMS,
        422: {"model": ErrorResponse, "description": "The entry lacks that language."},
    },
)
async def add_phrasing(
    body: PhrasingRequest, _: CsrfChecked, staff: EditorStaff, services: ServicesDep
) -> PhrasingPublic:
    """404 `kb_entry_not_found` if the entry is not published. A phrasing the entry already
    has is not an error: ``already_present`` is true and the group is closed."""
    return await service.add_phrasing(services, staff, body)


@router.post(
    "/draft",
    status_code=201,
    summary="Draft a new entry from a group's questions (open its editor_url)",
    responses=_ITEMS,
)
async def draft_entry(
    body: ItemsRequest, _: CsrfChecked, staff: EditorStaff, services: ServicesDep
) -> DraftPublic:
    return await service.draft_entry(services, staff, body)


@router.post(
    "/dismiss",
    summary="Dismiss a group: it leaves the inbox until one of its questions occurs again",
    responses=_ITEMS,
)
async def dismiss_group(
    body: ItemsRequest, _: CsrfChecked, staff: EditorStaff, services: ServicesDep
) -> DismissPublic:
    return await service.dismiss(services, staff, body)
