"""The review inbox's pages: the grouped failed questions, and the two-click "add as a phrasing"
(pick the suggested entry, then confirm). Server-rendered like the rest of the console: Jinja
autoescaping, CSRF on every form, post/redirect/get with a notice or error code.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.core.errors import KBDraftInvalid, KBEditError, KBEntryNotFound
from assistant.core.i18n import t
from assistant.inbox.errors import InboxItemsNotFound
from assistant.web.deps import InboxDep
from assistant.web.staff.inbox_schemas import (
    ITEM_IDS_MAX,
    PHRASING_MAX,
    InboxEntryPublic,
    InboxGroupPublic,
    ItemsRequest,
    PhrasingRequest,
)
from assistant.web.staff.inbox_views import inbox_public
from assistant.web.staff.page import (
    Viewer,
    ViewerDep,
    flash,
    form_viewer,
    page_viewer,
    redirect,
    render,
)
from assistant.web.staff.urls import INBOX, editor_url

router = APIRouter(prefix="/staff/inbox", include_in_schema=False)

NOTICES = {
    "phrased": "staff.inbox.notice.phrased",
    "already_present": "staff.inbox.notice.already_present",
    "dismissed": "staff.inbox.notice.dismissed",
}
ERRORS = {
    "inbox_items_not_found": "staff.inbox.error.items_not_found",
    "kb_entry_not_found": "staff.inbox.error.entry_not_found",
    "kb_draft_invalid": "staff.inbox.error.cannot_add",
    "kb_edit_error": "staff.inbox.error.cannot_add",
}


async def _editor_viewer(viewer: Annotated[Viewer, Depends(page_viewer)]) -> Viewer:
    viewer.require("editor")
    return viewer


async def _editor_form_viewer(viewer: Annotated[Viewer, Depends(form_viewer)]) -> Viewer:
    return await _editor_viewer(viewer)


EditorViewerDep = Annotated[Viewer, Depends(_editor_viewer)]
EditorFormDep = Annotated[Viewer, Depends(_editor_form_viewer)]
ItemIdsField = Annotated[list[int], Form(max_length=ITEM_IDS_MAX)]


def phrasing_href(group: InboxGroupPublic, entry: InboxEntryPublic | None = None) -> str:
    """Click 1: the confirmation page for adding the group's question to ``entry``."""
    query = [("items", str(item_id)) for item_id in group.item_ids]
    if entry is not None:
        query.append(("entry", entry.id))
    return f"{INBOX}/phrasing?{urlencode(query)}"


def _to_inbox(**query: str) -> RedirectResponse:
    return redirect(INBOX, **query)


@router.get("", response_class=HTMLResponse)
async def read_inbox_page(request: Request, viewer: ViewerDep, inbox_service: InboxDep) -> Response:
    open_groups = await inbox_service.open_groups()
    inbox = inbox_public(open_groups, viewer.staff, viewer.language)
    retriever = open_groups.retriever
    entries = retriever.index.entries if retriever else []
    all_entries = sorted(
        ((e.id, e.content(viewer.language).title) for e in entries), key=lambda e: e[1].casefold()
    )
    context = {
        "title": t("staff.inbox.title", viewer.language),
        "inbox": inbox,
        "all_entries": all_entries,
        "phrasing_href": phrasing_href,
        **flash(request, NOTICES, ERRORS),
        "notice_entry": request.query_params.get("entry", ""),
    }
    return render(request, "inbox.html", viewer.language, context, viewer=viewer)


@router.get("/phrasing", response_class=HTMLResponse)
async def read_phrasing_confirmation(
    request: Request,
    viewer: EditorViewerDep,
    inbox_service: InboxDep,
    items: Annotated[list[int], Query(max_length=ITEM_IDS_MAX)],
    entry: Annotated[str, Query(max_length=80)] = "",
    item: int | None = None,
) -> Response:
    """Click 2 happens here: the question (editable) and the entry it joins."""
    try:
        preview = await inbox_service.phrasing_preview(items, entry, item)
    except InboxItemsNotFound:
        return _to_inbox(error="inbox_items_not_found")
    if preview is None:
        return _to_inbox(error="kb_entry_not_found")
    context = {
        "title": t("staff.inbox.phrasing_title", viewer.language),
        "preview": preview,
        "entry_title": preview.entry.content(viewer.language).title,
        "text_max": PHRASING_MAX,
    }
    return render(request, "inbox_phrasing.html", viewer.language, context, viewer=viewer)


@router.post("/phrasing")
async def add_phrasing_form(
    viewer: EditorFormDep,
    inbox_service: InboxDep,
    item_ids: ItemIdsField,
    entry_id: Annotated[str, Form(max_length=80)],
    item_id: Annotated[int | None, Form()] = None,
    text: Annotated[str, Form(max_length=PHRASING_MAX)] = "",
) -> Response:
    try:
        body = PhrasingRequest(item_ids=item_ids, entry_id=entry_id, item_id=item_id, text=text)
        result = await inbox_service.add_phrasing(
            viewer.staff.id, body.item_ids, body.entry_id, item_id=body.item_id, text=body.text
        )
    except InboxItemsNotFound:
        return _to_inbox(error="inbox_items_not_found")
    except (KBEntryNotFound, ValueError):
        return _to_inbox(error="kb_entry_not_found")
    except (KBDraftInvalid, KBEditError) as error:
        return _to_inbox(error=error.code)
    notice = "already_present" if result.version is None else "phrased"
    return _to_inbox(notice=notice, entry=result.entry_id)


@router.post("/draft")
async def draft_entry_form(
    viewer: EditorFormDep, inbox_service: InboxDep, item_ids: ItemIdsField
) -> Response:
    """Opens the editor on the new draft."""
    try:
        body = ItemsRequest(item_ids=item_ids)
        entry_id, _ = await inbox_service.draft_entry(viewer.staff.id, body.item_ids)
    except InboxItemsNotFound:
        return _to_inbox(error="inbox_items_not_found")
    except KBEditError as error:
        return _to_inbox(error=error.code)
    return RedirectResponse(editor_url(entry_id), status_code=303)


@router.post("/dismiss")
async def dismiss_group_form(
    viewer: EditorFormDep, inbox_service: InboxDep, item_ids: ItemIdsField
) -> Response:
    try:
        await inbox_service.dismiss(viewer.staff.id, ItemsRequest(item_ids=item_ids).item_ids)
    except InboxItemsNotFound:
        return _to_inbox(error="inbox_items_not_found")
    return _to_inbox(notice="dismissed")
