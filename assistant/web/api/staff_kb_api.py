"""The knowledge-base editor's JSON API: entries, drafts, publishing, history and preview.

Agents may read and preview; changes need the editor (or admin) role, and every POST carries
the session's CSRF token in ``X-CSRF-Token``. Publishing makes the entry live in this process
before the response (visitors get it at once) and in other processes within seconds.
"""

from __future__ import annotations

from fastapi import APIRouter, Query

from assistant.core.errors import KBVersionNotFound
from assistant.web.api.responses import Responses, error, not_found, staff_auth
from assistant.web.deps import (
    AgentStaff,
    CsrfChecked,
    EditorStaff,
    KBStoreDep,
    RetrieverDep,
    SessionsDep,
)
from assistant.web.staff.kb_schemas import (
    AuditPublic,
    CreatedDraftPublic,
    DiffPublic,
    DraftRequest,
    EntryListPublic,
    EntryStatePublic,
    PreviewPublic,
    PreviewRequest,
    PublishRequest,
    QuestionRequest,
    RollbackRequest,
    VersionListPublic,
    VersionNumberPublic,
    VersionPublic,
)
from assistant.web.staff.kb_views import (
    audit_public,
    changes_public,
    entry_public,
    preview_public,
    summary_public,
    versions_public,
)
from assistant.web.staff.urls import editor_url

_AUTH = staff_auth(
    "Role too low (`role_forbidden`: changes need editor or admin) or missing or wrong CSRF "
    "token (`csrf_rejected`)."
)
_ENTRY = not_found("entry", "kb_entry_not_found")
_INVALID: Responses = {
    422: error(
        "Not a valid entry (`kb_draft_invalid`, with `problems`) or only one language without "
        "`languages: [fr]` / `[en]` (`kb_parity_required`)."
    ),
}

router = APIRouter(prefix="/api/staff/kb", tags=["staff: knowledge base"], responses=_AUTH)


@router.get("/entries", summary="Every entry: status, titles, review flag")
async def read_entries(_: AgentStaff, store: KBStoreDep) -> EntryListPublic:
    summaries = await store.summaries()
    return EntryListPublic(entries=[summary_public(s) for s in summaries])


@router.post(
    "/entries",
    status_code=201,
    summary="Create a new entry as a draft (may be partial, one language)",
    responses={**_INVALID, 409: error("`kb_entry_exists`")},
)
async def create_entry_draft(
    body: DraftRequest, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> CreatedDraftPublic:
    entry_id = await store.create_draft(body.entry, staff_id=staff.id)
    return CreatedDraftPublic(id=entry_id, editor_url=editor_url(entry_id))


@router.get("/entries/{entry_id}", summary="An entry: current version and draft", responses=_ENTRY)
async def read_entry(entry_id: str, _: AgentStaff, store: KBStoreDep) -> EntryStatePublic:
    return await entry_public(store, entry_id)


@router.post(
    "/entries/{entry_id}/draft",
    summary="Save the entry's draft (replaces it; nothing changes for visitors)",
    responses={
        **_ENTRY,
        **_INVALID,
        409: error("`kb_draft_conflict`: saved or published by someone else since read"),
    },
)
async def save_entry_draft(
    entry_id: str, body: DraftRequest, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> EntryStatePublic:
    await store.save_draft(
        entry_id, body.entry, staff_id=staff.id, expected_version=body.draft_version
    )
    return await entry_public(store, entry_id)


@router.post(
    "/entries/{entry_id}/draft/discard",
    summary="Discard the draft (a never-published entry disappears)",
    responses={**_ENTRY, 409: error("`kb_no_draft`")},
)
async def discard_entry_draft(
    entry_id: str, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> dict[str, str]:
    await store.discard_draft(entry_id, staff_id=staff.id)
    return {"id": entry_id}


@router.post(
    "/entries/{entry_id}/publish",
    summary="Publish the draft as a new version: live for visitors at once",
    responses={
        **_ENTRY,
        **_INVALID,
        409: error("`kb_no_draft`"),
    },
)
async def publish_entry(
    entry_id: str,
    body: PublishRequest,
    _: CsrfChecked,
    staff: EditorStaff,
    store: KBStoreDep,
) -> VersionNumberPublic:
    number = await store.publish(entry_id, staff_id=staff.id, comment=body.comment)
    return VersionNumberPublic(id=entry_id, version=number)


@router.post(
    "/entries/{entry_id}/questions",
    summary="Add a question phrasing to a published entry, published at once",
    responses={
        **_ENTRY,
        **_INVALID,
        409: error("`kb_duplicate_question`"),
    },
)
async def add_entry_question(
    entry_id: str, body: QuestionRequest, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> VersionNumberPublic:
    number = await store.add_question(entry_id, body.language, body.text, staff_id=staff.id)
    return VersionNumberPublic(id=entry_id, version=number)


@router.post(
    "/entries/{entry_id}/rollback",
    summary="Publish an earlier version again, as a new version",
    responses={**_ENTRY, 404: error("`kb_version_not_found`")},
)
async def roll_back_entry(
    entry_id: str, body: RollbackRequest, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> VersionNumberPublic:
    number = await store.rollback(entry_id, body.version, staff_id=staff.id)
    return VersionNumberPublic(id=entry_id, version=number)


@router.post(
    "/entries/{entry_id}/retire",
    summary="Unpublish the entry (its history stays; a rollback republishes it)",
    responses=_ENTRY,
)
async def retire_entry(
    entry_id: str, _: CsrfChecked, staff: EditorStaff, store: KBStoreDep
) -> EntryStatePublic:
    await store.retire(entry_id, staff_id=staff.id)
    return await entry_public(store, entry_id)


@router.get(
    "/entries/{entry_id}/versions", summary="Version history, newest first", responses=_ENTRY
)
async def read_entry_versions(
    entry_id: str, _: AgentStaff, store: KBStoreDep, sessions: SessionsDep
) -> VersionListPublic:
    return VersionListPublic(versions=await versions_public(store, sessions, entry_id))


@router.get("/entries/{entry_id}/versions/{number}", summary="One version", responses=_ENTRY)
async def read_entry_version(
    entry_id: str, number: int, _: AgentStaff, store: KBStoreDep, sessions: SessionsDep
) -> VersionPublic:
    versions = await versions_public(store, sessions, entry_id)
    found = next((v for v in versions if v.number == number), None)
    if found is None:
        raise KBVersionNotFound(f"{entry_id} v{number}")
    return found


@router.get(
    "/entries/{entry_id}/diff",
    summary="What changed between two versions, per field, French and English",
    responses=_ENTRY,
)
async def read_entry_diff(
    entry_id: str,
    _: AgentStaff,
    store: KBStoreDep,
    from_version: int = Query(alias="from", ge=1),
    to_version: int = Query(alias="to", ge=1),
) -> DiffPublic:
    changes = await store.diff(entry_id, from_version, to_version)
    return DiffPublic(
        id=entry_id,
        from_version=from_version,
        to_version=to_version,
        changes=changes_public(changes),
    )


@router.post(
    "/entries/{entry_id}/preview",
    summary="What the assistant would answer with the draft (nothing is saved)",
    responses={
        **_ENTRY,
        503: error("The index is still loading."),
    },
)
async def preview_entry_draft(
    entry_id: str,
    body: PreviewRequest,
    _: CsrfChecked,
    __: AgentStaff,
    store: KBStoreDep,
    retriever: RetrieverDep,
) -> PreviewPublic:
    return await preview_public(
        store, retriever, entry_id, body.question, body.language, body.entry
    )


@router.get("/audit", summary="Who changed which entry, when (newest first)")
async def read_kb_audit(
    _: AgentStaff,
    store: KBStoreDep,
    sessions: SessionsDep,
    entry: str | None = None,
    limit: int = Query(default=200, ge=1, le=1000),
) -> AuditPublic:
    return AuditPublic(events=await audit_public(store, sessions, entry, limit))
