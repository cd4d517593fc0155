"""The knowledge-base editor's pages: the list (filters, review flags), an entry's editor
(French and English side by side, preview, publish) and its history (diff, rollback).

Everyone signed in may read and preview; changing needs the editor or admin role. Forms post
the session's CSRF token and answer with a redirect carrying a notice or an error code.
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from assistant.core.errors import (
    AssistantUnavailable,
    KBDraftInvalid,
    KBEditError,
    KBEntryNotFound,
    KBVersionNotFound,
)
from assistant.core.i18n import t
from assistant.kb.models import Audience, CompetentBody, Topic
from assistant.kb.store import editor_url
from assistant.staff.kb_views import (
    audit_public,
    changes_public,
    entry_public,
    preview_public,
    summary_public,
    versions_public,
)
from assistant.staff.roles import has_role
from assistant.web.api.staff_pages import FormViewerDep, PageError, Viewer, ViewerDep, render
from assistant.web.deps import ServicesDep

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
    "kb_version_not_found": "kb_version_not_found",
    "kb_entry_not_found": "kb_entry_not_found",
    "preview_empty": "staff.kb.preview_empty",
    "kb_unavailable": "kb_unavailable",
}


def _flash(request: Request) -> dict[str, str | None]:
    return {
        "notice": NOTICES.get(request.query_params.get("notice", "")),
        "error": ERRORS.get(request.query_params.get("error", "")),
    }


def _require_editor(viewer: Viewer) -> None:
    if not has_role(viewer.staff, "editor"):
        raise PageError(403, "role_forbidden", viewer.language)


def _to(path: str, **query: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


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
    services: ServicesDep,
    q: str = "",
    topic: str = "",
    status: str = "",
    review: str = "",
) -> Response:
    entries = [summary_public(s) for s in await services.kb_store.summaries()]
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
        **_flash(request),
    }
    return render(request, "kb_list.html", viewer.language, context, viewer=viewer)


@router.post("/new")
async def create_kb_entry_form(
    request: Request, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    _require_editor(viewer)
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
        created = await services.kb_store.create_draft(draft, staff_id=viewer.staff.id)
    except KBEditError as error:
        return _to("/staff/kb", error=error.code)
    return _to(editor_url(created), notice="created")


# --- one entry -----------------------------------------------------------------------------


async def _entry_or_404(services: Any, entry_id: str, viewer: Viewer) -> Any:
    try:
        return await entry_public(services, entry_id)
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error


@router.get("/{entry_id}", response_class=HTMLResponse)
async def read_kb_entry(
    entry_id: str,
    request: Request,
    viewer: ViewerDep,
    services: ServicesDep,
    question: str = "",
    question_lang: str = "",
) -> Response:
    entry = await _entry_or_404(services, entry_id, viewer)
    preview = None
    preview_error = None
    preview_language = "en" if question_lang == "en" else "fr"
    if question.strip():
        try:
            preview = await preview_public(services, entry_id, question, preview_language)
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
        **_flash(request),
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


async def _save(request: Request, viewer: Viewer, services: Any, entry_id: str) -> None:
    _require_editor(viewer)
    draft = draft_from_form(await request.form())
    try:
        await services.kb_store.save_draft(entry_id, draft, staff_id=viewer.staff.id)
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error


@router.post("/{entry_id}/draft")
async def save_kb_draft_form(
    entry_id: str, request: Request, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    try:
        await _save(request, viewer, services, entry_id)
    except KBDraftInvalid as error:
        return _to(editor_url(entry_id), error=error.code)
    return _to(editor_url(entry_id), notice="saved")


@router.post("/{entry_id}/preview")
async def preview_kb_draft_form(
    entry_id: str, request: Request, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    """Saves the form as the draft (editors), then shows the preview of the typed question."""
    form = await request.form()
    question = str(form.get("question") or "").strip()
    language = "en" if form.get("question_lang") == "en" else "fr"
    if has_role(viewer.staff, "editor"):
        try:
            await _save(request, viewer, services, entry_id)
        except KBDraftInvalid as error:
            return _to(editor_url(entry_id), error=error.code)
    if not question:
        return _to(editor_url(entry_id), error="preview_empty")
    query = {"question": question, "question_lang": language}
    return _to(editor_url(entry_id), **query)


@router.post("/{entry_id}/publish")
async def publish_kb_entry_form(
    entry_id: str, request: Request, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    """Saves the form as the draft, then publishes it (parity checked)."""
    try:
        await _save(request, viewer, services, entry_id)
        comment = str((await request.form()).get("comment") or "")[:500]
        await services.kb_store.publish(entry_id, staff_id=viewer.staff.id, comment=comment)
    except KBEditError as error:
        if isinstance(error, KBEntryNotFound):
            raise PageError(404, "kb_entry_not_found", viewer.language) from error
        return _to(editor_url(entry_id), error=error.code)
    return _to(editor_url(entry_id), notice="published")


@router.post("/{entry_id}/discard")
async def discard_kb_draft_form(
    entry_id: str, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    _require_editor(viewer)
    try:
        state = await services.kb_store.state(entry_id)
        await services.kb_store.discard_draft(entry_id, staff_id=viewer.staff.id)
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error
    except KBEditError as error:
        return _to(editor_url(entry_id), error=error.code)
    if state.current is None:  # never published: it is gone
        return _to("/staff/kb", notice="discarded")
    return _to(editor_url(entry_id), notice="discarded")


@router.post("/{entry_id}/retire")
async def retire_kb_entry_form(
    entry_id: str, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    _require_editor(viewer)
    try:
        await services.kb_store.retire(entry_id, staff_id=viewer.staff.id)
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error
    return _to(editor_url(entry_id), notice="retired")


# --- history -------------------------------------------------------------------------------


@router.get("/{entry_id}/history", response_class=HTMLResponse)
async def read_kb_history(
    entry_id: str,
    request: Request,
    viewer: ViewerDep,
    services: ServicesDep,
    from_version: int | None = None,
    to_version: int | None = None,
) -> Response:
    entry = await _entry_or_404(services, entry_id, viewer)
    versions = await versions_public(services, entry_id)
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
            changes = changes_public(await services.kb_store.diff(entry_id, before, after))
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
        "audit": await audit_public(services, entry_id),
        "can_edit": has_role(viewer.staff, "editor"),
        **_flash(request),
    }
    return render(request, "kb_history.html", viewer.language, context, viewer=viewer)


@router.post("/{entry_id}/rollback")
async def roll_back_kb_entry_form(
    entry_id: str, request: Request, viewer: FormViewerDep, services: ServicesDep
) -> Response:
    _require_editor(viewer)
    raw = (await request.form()).get("version")
    try:
        number = int(raw) if isinstance(raw, str) else 0
        await services.kb_store.rollback(entry_id, number, staff_id=viewer.staff.id)
    except ValueError:
        return _to(f"{editor_url(entry_id)}/history", error="kb_version_not_found")
    except KBEntryNotFound as error:
        raise PageError(404, "kb_entry_not_found", viewer.language) from error
    except KBEditError as error:
        return _to(f"{editor_url(entry_id)}/history", error=error.code)
    return _to(f"{editor_url(entry_id)}/history", notice="rolled_back")
