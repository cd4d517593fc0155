"""The review inbox's JSON API: the questions the assistant failed on, grouped, and the
editor's actions on a group (send the group's ``item_ids``).

Reading needs the agent role; acting needs editor (or admin) and the session's CSRF token in
``X-CSRF-Token``. Question texts are masked before they are stored.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.web.api.responses import error, not_found, staff_auth
from assistant.web.deps import AgentStaff, CsrfChecked, EditorStaff, InboxDep, StaffSessionDep
from assistant.web.staff.inbox_schemas import (
    DismissPublic,
    DraftPublic,
    InboxPublic,
    ItemsRequest,
    PhrasingPublic,
    PhrasingRequest,
)
from assistant.web.staff.inbox_views import (
    dismiss_public,
    draft_public,
    inbox_public,
    phrasing_public,
)
from assistant.web.staff.language import console_language

_AUTH = staff_auth(
    "Role too low (`role_forbidden`: acting needs editor) or missing CSRF token (`csrf_rejected`)."
)
_ITEMS = {**_AUTH, **not_found("items", "inbox_items_not_found")}

router = APIRouter(prefix="/api/staff/inbox", tags=["staff: review inbox"], responses=_AUTH)


@router.get("", summary="The failed questions, masked and grouped by similarity")
async def read_inbox(
    request: Request, session: StaffSessionDep, staff: AgentStaff, inbox: InboxDep
) -> InboxPublic:
    """Collects the new failures first (no-answer, clarification, out-of-scope questions that
    look in scope, 👎 answers, escalations), then returns the open groups, most frequent
    first."""
    return inbox_public(await inbox.open_groups(), staff, console_language(request, session))


@router.post(
    "/phrasing",
    summary="Add a group's question as a new phrasing of a published entry (live at once)",
    responses={
        **_ITEMS,
        422: error("The entry lacks that language."),
    },
)
async def add_phrasing(
    body: PhrasingRequest, _: CsrfChecked, staff: EditorStaff, inbox: InboxDep
) -> PhrasingPublic:
    """404 `kb_entry_not_found` if the entry is not published. A phrasing the entry already
    has is not an error: ``already_present`` is true and the group is closed."""
    added = await inbox.add_phrasing(
        staff.id, body.item_ids, body.entry_id, item_id=body.item_id, text=body.text
    )
    return phrasing_public(added)


@router.post(
    "/draft",
    status_code=201,
    summary="Draft a new entry from a group's questions (open its editor_url)",
    responses=_ITEMS,
)
async def draft_entry(
    body: ItemsRequest, _: CsrfChecked, staff: EditorStaff, inbox: InboxDep
) -> DraftPublic:
    return draft_public(*await inbox.draft_entry(staff.id, body.item_ids))


@router.post(
    "/dismiss",
    summary="Dismiss a group: it leaves the inbox until one of its questions occurs again",
    responses=_ITEMS,
)
async def dismiss_group(
    body: ItemsRequest, _: CsrfChecked, staff: EditorStaff, inbox: InboxDep
) -> DismissPublic:
    return dismiss_public(await inbox.dismiss(staff.id, body.item_ids))
