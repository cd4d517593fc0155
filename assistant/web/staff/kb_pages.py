"""The knowledge-base editor's pages: the list (filters, review flags), an entry's editor
(French and English side by side, preview, publish) and its history (diff, rollback).

Everyone signed in may read and preview; changing needs the editor or admin role. Forms post
the session's CSRF token and answer with a redirect carrying a notice or an error code.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from assistant.core.errors import (
    AssistantUnavailable,
    KBDraftConflict,
    KBDraftInvalid,
    KBEditError,
    KBEntryNotFound,
    KBVersionNotFound,
)
from assistant.core.i18n import t
from assistant.kb.models import Audience, CompetentBody, Topic
from assistant.kb.store import KnowledgeBaseStore
from assistant.staff.roles import has_role
from assistant.web.deps import KBStoreDep, RetrieverDep, SessionsDep
from assistant.web.staff.kb_schemas import EntryStatePublic
from assistant.web.staff.kb_views import (
    audit_public,
    changes_public,
    entry_public,
    preview_public,
    summary_public,
    versions_public,
)
from assistant.web.staff.page import (
    FormViewerDep,
    PageError,
    Refusals,
    Viewer,
    ViewerDep,
    flash,
    redirect,
    render,
)
from assistant.web.staff.urls import KB_LIST, editor_url

router = APIRouter(prefix="/staff/kb", include_in_schema=False)

TOPICS: tuple[str, ...] = get_args(Topic)
AUDIENCES: tuple[str, ...] = get_args(Audience)
COMPETENT_BODIES: tuple[str, ...] = get_args(CompetentBody)
STATUSES = ("published", "draft", "retired")
REVIEW_FILTERS = ("overdue", "soon")
NOTICES = {
    "created": "staff.kb.notice.created",
    "saved": "staff.kb.notice.saved",
    "published": "staff.kb.notice.published",
    "discarded": "staff.kb.notice.discarded",
    "retired": "staff.kb.notice.retired",
    "rolled_back": "staff.kb.notice.rolled_back",
}
ERRORS = {
    "kb_parity_required": "kb_parity_required",
    "kb_draft_invalid": "kb_draft_invalid",
    "kb_entry_exists": "kb_entry_exists",
    "kb_no_draft": "kb_no_draft",
    "kb_draft_conflict": "kb_draft_conflict",
    "kb_version_not_found": "kb_version_not_found",
    "kb_entry_not_found": "kb_entry_not_found",
    "preview_empty": "staff.kb.preview_empty",
    "kb_unavailable": "kb_unavailable",
}


def _history_url(entry_id: str) -> str:
    return f"{editor_url(entry_id)}/history"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _date(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def draft_from_form(form: FormData) -> dict[str, Any]:
    """The editor form as an entry draft (the YAML shape)."""

    def field(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    draft: dict[str, Any] = {
        "audiences": [a for a in form.getlist("audiences") if a in AUDIENCES],
        "escalate": field("escalate") == "on",
        "sources": _lines(field("sources")),
    }
    for name, allowed in (("topic", TOPICS), ("competent_body", COMPETENT_BODIES)):
        if field(name) in allowed:
            draft[name] = field(name)
    for name in ("last_verified", "review_by"):
        if parsed := _date(field(name)):
            draft[name] = parsed
    one_language = field("one_language")
    draft["languages"] = [one_language] if one_language in ("fr", "en") else ["fr", "en"]
    for language in ("fr", "en"):
        draft[language] = {
            "title": field(f"{language}_title"),
            "answer": field(f"{language}_answer"),
            "questions": _lines(field(f"{language}_questions")),
        }
    return draft


# --- the list ------------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
async def read_kb_list(
    request: Request,
    viewer: ViewerDep,
    store: KBStoreDep,
    q: str = "",
    topic: str = "",
    status: str = "",
    review: str = "",
) -> Response:
    entries = [summary_public(s) for s in await store.summaries()]
    words = q.casefold().split()

    def shown(entry: Any) -> bool:
        haystack = f"{entry.id} {entry.title_fr} {entry.title_en}".casefold()
        return (
            all(word in haystack for word in words)
            and (topic not in TOPICS or entry.topic == topic)
            and (status not in STATUSES or entry.status == status)
            and (review not in REVIEW_FILTERS or entry.review == review)
        )

    context = {
        "title": t("staff.kb.title", viewer.language),
        "entries": [e for e in entries if shown(e)],
        "total": len(entries),
        "overdue": sum(1 for e in entries if e.review == "overdue"),
        "filters": {"q": q, "topic": topic, "status": status, "review": review},
        "topics": TOPICS,
        "statuses": STATUSES,
        "review_filters": REVIEW_FILTERS,
        "can_edit": has_role(viewer.staff, "editor"),
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "kb_list.html", viewer.language, context, viewer=viewer)


@router.post("/new")
async def create_kb_entry_form(
    request: Request, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    viewer.require("editor")
    form = await request.form()
    entry_id = str(form.get("id") or "").strip()
    title = str(form.get("title") or "").strip()
    language = "en" if form.get("language") == "en" else "fr"
    draft: dict[str, Any] = {language: {"title": title}}
    if entry_id:
        draft["id"] = entry_id
    if form.get("topic") in TOPICS:
        draft["topic"] = form.get("topic")
    try:
        created = await store.create_draft(draft, staff_id=viewer.staff.id)
    except KBEditError as error:
        return redirect(KB_LIST, error=error.code)
    return redirect(editor_url(created), notice="created")


# --- one entry -----------------------------------------------------------------------------


async def _entry_or_404(
    store: KnowledgeBaseStore, entry_id: str, viewer: Viewer
) -> EntryStatePublic:
    try:
        return await entry_public(store, entry_id)
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error


@router.get("/{entry_id}", response_class=HTMLResponse)
async def read_kb_entry(
    entry_id: str,
    request: Request,
    viewer: ViewerDep,
    store: KBStoreDep,
    retriever: RetrieverDep,
    question: str = "",
    question_lang: str = "",
) -> Response:
    entry = await _entry_or_404(store, entry_id, viewer)
    preview = None
    preview_error = None
    preview_language = "en" if question_lang == "en" else "fr"
    if question.strip():
        try:
            preview = await preview_public(store, retriever, entry_id, question, preview_language)
        except AssistantUnavailable:
            preview_error = "kb_unavailable"
        except KBDraftInvalid:
            preview_error = "staff.kb.preview_empty"
    working = entry.draft or entry.current or {}
    context = {
        "title": t("staff.kb.entry_title", viewer.language).format(id=entry.id),
        "entry": entry,
        "form": _form_values(working),
        "topics": TOPICS,
        "audiences": AUDIENCES,
        "bodies": COMPETENT_BODIES,
        "can_edit": has_role(viewer.staff, "editor"),
        "question": question,
        "question_lang": preview_language,
        "preview": preview,
        "preview_error": preview_error,
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "kb_entry.html", viewer.language, context, viewer=viewer)


def _form_values(working: dict[str, Any]) -> dict[str, Any]:
    languages = working.get("languages") or ["fr", "en"]
    values: dict[str, Any] = {
        "topic": working.get("topic") or "",
        "audiences": working.get("audiences") or [],
        "competent_body": working.get("competent_body") or "",
        "escalate": bool(working.get("escalate")),
        "last_verified": working.get("last_verified") or "",
        "review_by": working.get("review_by") or "",
        "sources": "\n".join(str(s) for s in working.get("sources") or []),
        "one_language": languages[0] if len(languages) == 1 else "",
    }
    for language in ("fr", "en"):
        part = working.get(language) or {}
        values[language] = {
            "title": part.get("title", ""),
            "answer": part.get("answer", ""),
            "questions": "\n".join(part.get("questions", [])),
        }
    return values


async def _save(request: Request, viewer: Viewer, store: KnowledgeBaseStore, entry_id: str) -> None:
    """The form as the entry's draft (editors only)."""
    viewer.require("editor")
    form = await request.form()
    draft = draft_from_form(form)
    # The version the form was rendered from: another editor's save since is not overwritten.
    expected = str(form.get("draft_version") or "")[:64] or None
    await store.save_draft(entry_id, draft, staff_id=viewer.staff.id, expected_version=expected)


def _refusals(viewer: Viewer, back: str, *refused: type[KBEditError]) -> Refusals:
    """A missing entry shows the 404 page; ``refused`` errors go back to ``back``."""
    return Refusals(viewer, back, missing=KBEntryNotFound, refused=refused)


@router.post("/{entry_id}/draft")
async def save_kb_draft_form(
    entry_id: str, request: Request, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    with _refusals(viewer, editor_url(entry_id), KBDraftInvalid, KBDraftConflict) as attempt:
        await _save(request, viewer, store, entry_id)
    return attempt.refusal or redirect(editor_url(entry_id), notice="saved")


@router.post("/{entry_id}/preview")
async def preview_kb_draft_form(
    entry_id: str, request: Request, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    """Saves the form as the draft (editors), then shows the preview of the typed question."""
    form = await request.form()
    question = str(form.get("question") or "").strip()
    language = "en" if form.get("question_lang") == "en" else "fr"
    if has_role(viewer.staff, "editor"):
        with _refusals(viewer, editor_url(entry_id), KBDraftInvalid, KBDraftConflict) as attempt:
            await _save(request, viewer, store, entry_id)
        if attempt.refusal:
            return attempt.refusal
    if not question:
        return redirect(editor_url(entry_id), error="preview_empty")
    query = {"question": question, "question_lang": language}
    return redirect(editor_url(entry_id), **query)


@router.post("/{entry_id}/publish")
async def publish_kb_entry_form(
    entry_id: str, request: Request, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    """Saves the form as the draft, then publishes it (parity checked)."""
    with _refusals(viewer, editor_url(entry_id), KBEditError) as attempt:
        await _save(request, viewer, store, entry_id)
        comment = str((await request.form()).get("comment") or "")[:500]
        await store.publish(entry_id, staff_id=viewer.staff.id, comment=comment)
    return attempt.refusal or redirect(editor_url(entry_id), notice="published")


@router.post("/{entry_id}/discard")
async def discard_kb_draft_form(
    entry_id: str, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    viewer.require("editor")
    with _refusals(viewer, editor_url(entry_id), KBEditError) as attempt:
        state = await store.state(entry_id)
        await store.discard_draft(entry_id, staff_id=viewer.staff.id)
    if attempt.refusal:
        return attempt.refusal
    if state.current is None:  # never published: it is gone
        return redirect(KB_LIST, notice="discarded")
    return redirect(editor_url(entry_id), notice="discarded")


@router.post("/{entry_id}/retire")
async def retire_kb_entry_form(entry_id: str, viewer: FormViewerDep, store: KBStoreDep) -> Response:
    viewer.require("editor")
    with _refusals(viewer, editor_url(entry_id)):
        await store.retire(entry_id, staff_id=viewer.staff.id)
    return redirect(editor_url(entry_id), notice="retired")


# --- history -------------------------------------------------------------------------------


@router.get("/{entry_id}/history", response_class=HTMLResponse)
async def read_kb_history(
    entry_id: str,
    request: Request,
    viewer: ViewerDep,
    store: KBStoreDep,
    sessions: SessionsDep,
    from_version: int | None = None,
    to_version: int | None = None,
) -> Response:
    entry = await _entry_or_404(store, entry_id, viewer)
    versions = await versions_public(store, sessions, entry_id)
    numbers = [v.number for v in versions]
    changes = None
    if len(numbers) >= 2:
        after = to_version if to_version in numbers else numbers[0]
        before = (
            from_version
            if from_version in numbers
            else next((n for n in numbers if n < after), numbers[-1])
        )
        try:
            changes = changes_public(await store.diff(entry_id, before, after))
        except KBVersionNotFound:
            changes = None
        from_version, to_version = before, after
    context = {
        "title": t("staff.kb.history_title", viewer.language).format(id=entry.id),
        "entry": entry,
        "versions": versions,
        "from_version": from_version,
        "to_version": to_version,
        "changes": changes,
        "audit": await audit_public(store, sessions, entry_id),
        "can_edit": has_role(viewer.staff, "editor"),
        **flash(request, NOTICES, ERRORS),
    }
    return render(request, "kb_history.html", viewer.language, context, viewer=viewer)


@router.post("/{entry_id}/rollback")
async def roll_back_kb_entry_form(
    entry_id: str, request: Request, viewer: FormViewerDep, store: KBStoreDep
) -> Response:
    viewer.require("editor")
    raw = (await request.form()).get("version")
    try:
        number = int(raw) if isinstance(raw, str) else 0
    except ValueError:
        return redirect(_history_url(entry_id), error="kb_version_not_found")
    with _refusals(viewer, _history_url(entry_id), KBEditError) as attempt:
        await store.rollback(entry_id, number, staff_id=viewer.staff.id)
    return attempt.refusal or redirect(_history_url(entry_id), notice="rolled_back")
