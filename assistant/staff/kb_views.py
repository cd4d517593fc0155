"""Builds what the knowledge-base editor shows (list, entry, history, diff, audit, preview);
shared by the JSON API and the pages."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Literal

from assistant.core.errors import AssistantUnavailable, KBEditError
from assistant.kb.diff import FieldChange
from assistant.kb.drafts import clean_draft, preview_entry, publishable_entry
from assistant.kb.preview import preview_answer
from assistant.kb.store import EntryState, EntrySummary, editor_url
from assistant.staff.kb_schemas import (
    AuditEventPublic,
    EntryStatePublic,
    EntrySummaryPublic,
    FieldChangePublic,
    PreviewCandidatePublic,
    PreviewPublic,
    VersionPublic,
    WordChangePublic,
)
from assistant.staff.service import staff_names

if TYPE_CHECKING:
    from assistant.services import Services


def summary_public(summary: EntrySummary) -> EntrySummaryPublic:
    return EntrySummaryPublic(
        id=summary.id,
        status=summary.status,
        has_draft=summary.has_draft,
        version=summary.version,
        topic=summary.topic,
        title_fr=summary.title_fr,
        title_en=summary.title_en,
        languages=summary.languages,
        review_date=summary.review_date,
        review=summary.review,
        updated_at=summary.updated_at,
        editor_url=editor_url(summary.id),
    )


def publish_problems(draft: dict[str, Any] | None) -> list[str]:
    """Why ``draft`` cannot be published yet; empty when it can (or there is no draft)."""
    if draft is None:
        return []
    try:
        publishable_entry(draft)
    except KBEditError as error:
        problems: list[str] = getattr(error, "problems", None) or [error.code]
        return problems
    return []


def state_public(state: EntryState) -> EntryStatePublic:
    status: Literal["published", "draft", "retired"] = (
        "draft" if state.current is None else "retired" if state.retired else "published"
    )
    return EntryStatePublic(
        id=state.id,
        status=status,
        version=state.current_version,
        current=state.current,
        draft=state.draft,
        draft_updated_at=state.draft_updated_at,
        publish_problems=publish_problems(state.draft),
        editor_url=editor_url(state.id),
    )


async def entry_public(services: Services, entry_id: str) -> EntryStatePublic:
    return state_public(await services.kb_store.state(entry_id))


async def versions_public(services: Services, entry_id: str) -> list[VersionPublic]:
    versions = await services.kb_store.versions(entry_id)
    names = await staff_names(services.sessions, (v.staff_id for v in versions))
    return [
        VersionPublic(
            number=v.number,
            staff_id=v.staff_id,
            staff_name=names.get(v.staff_id) if v.staff_id else None,
            comment=v.comment,
            created_at=v.created_at,
            entry=v.data,
        )
        for v in versions
    ]


def changes_public(changes: list[FieldChange]) -> list[FieldChangePublic]:
    return [
        FieldChangePublic(
            field=c.field,
            language=c.language,  # type: ignore[arg-type]
            before=c.before,
            after=c.after,
            removed=c.removed,
            added=c.added,
            words=[WordChangePublic(kind=w.kind, text=w.text) for w in c.words],  # type: ignore[arg-type]
        )
        for c in changes
    ]


async def audit_public(
    services: Services, entry_id: str | None, limit: int = 200
) -> list[AuditEventPublic]:
    events = await services.kb_store.audit(entry_id, limit)
    names = await staff_names(services.sessions, (e.staff_id for e in events))
    return [
        AuditEventPublic(
            entry_id=e.entry_id,
            staff_id=e.staff_id,
            staff_name=names.get(e.staff_id) if e.staff_id else None,
            action=e.action,
            version=e.version,
            detail=e.detail,
            created_at=e.created_at,
        )
        for e in events
    ]


async def preview_public(
    services: Services,
    entry_id: str,
    question: str,
    language: str,
    draft: dict[str, Any] | None = None,
) -> PreviewPublic:
    """The assistant's answer to ``question`` with ``draft`` (default: the entry's working
    copy) live. Raises AssistantUnavailable while the live index is still loading."""
    if draft is None:
        draft = (await services.kb_store.state(entry_id)).working_copy
    entry = preview_entry(clean_draft({**draft, "id": entry_id}), entry_id)
    retriever = services.kb.retriever if services.kb else None
    if retriever is None:
        raise AssistantUnavailable("the knowledge base is still loading", language=language)
    result = await asyncio.to_thread(preview_answer, retriever, entry, question, language)
    return PreviewPublic(
        kind=result.kind,
        reply=result.reply,
        answered_by_draft=result.answered_by_draft,
        candidates=[
            PreviewCandidatePublic(
                entry_id=c.entry_id, title=c.title, score=round(c.score, 3), is_draft=c.is_draft
            )
            for c in result.candidates
        ],
    )
