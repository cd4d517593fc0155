"""Builds what the knowledge-base editor shows (list, entry, history, diff, audit, preview);
shared by the JSON API and the pages."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import AssistantUnavailable, KBEditError
from assistant.kb.diff import FieldChange
from assistant.kb.drafts import clean_draft, preview_entry, publishable_entry
from assistant.kb.preview import preview_answer
from assistant.kb.records import EntryState, EntrySummary
from assistant.kb.retriever import Retriever
from assistant.kb.store import KnowledgeBaseStore
from assistant.staff.service import staff_names
from assistant.web.staff.kb_schemas import (
    AuditEventPublic,
    EntryStatePublic,
    EntrySummaryPublic,
    FieldChangePublic,
    PreviewCandidatePublic,
    PreviewPublic,
    VersionPublic,
    WordChangePublic,
)
from assistant.web.staff.urls import editor_url


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
        draft_version=state.draft_version,
        publish_problems=publish_problems(state.draft),
        editor_url=editor_url(state.id),
    )


async def entry_public(store: KnowledgeBaseStore, entry_id: str) -> EntryStatePublic:
    return state_public(await store.state(entry_id))


async def _names(
    sessions: async_sessionmaker[AsyncSession], ids: list[int | None]
) -> dict[int | None, str | None]:
    """Staff names by id, None for no one (an import) or an unknown id."""
    names = await staff_names(sessions, ids)
    return {staff_id: names.get(staff_id) if staff_id else None for staff_id in ids}


async def versions_public(
    store: KnowledgeBaseStore, sessions: async_sessionmaker[AsyncSession], entry_id: str
) -> list[VersionPublic]:
    versions = await store.versions(entry_id)
    names = await _names(sessions, [v.staff_id for v in versions])
    return [
        VersionPublic(
            number=v.number,
            staff_id=v.staff_id,
            staff_name=names[v.staff_id],
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
    store: KnowledgeBaseStore,
    sessions: async_sessionmaker[AsyncSession],
    entry_id: str | None,
    limit: int = 200,
) -> list[AuditEventPublic]:
    events = await store.audit(entry_id, limit)
    names = await _names(sessions, [e.staff_id for e in events])
    return [
        AuditEventPublic(
            entry_id=e.entry_id,
            staff_id=e.staff_id,
            staff_name=names[e.staff_id],
            action=e.action,
            version=e.version,
            detail=e.detail,
            created_at=e.created_at,
        )
        for e in events
    ]


async def preview_public(
    store: KnowledgeBaseStore,
    retriever: Retriever | None,
    entry_id: str,
    question: str,
    language: str,
    draft: dict[str, Any] | None = None,
) -> PreviewPublic:
    """The assistant's answer to ``question`` with ``draft`` (default: the entry's working
        copy) live. Raises AssistantUnavailable while the live index is still loading (``retriever``
    is None)."""
    if draft is None:
        draft = (await store.state(entry_id)).working_copy
    entry = preview_entry(clean_draft({**draft, "id": entry_id}), entry_id)
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
