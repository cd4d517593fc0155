"""The review inbox: what editors see (groups of failed questions) and what they can do with
them (add a question as a phrasing of an entry, draft a new entry, dismiss).

Changes to the KB go through the KB store (``assistant/kb/store.py``: ``add_question`` publishes
at once and refreshes the live index; ``create_draft`` opens a draft for the editor). Callers
check the role (editor) and the CSRF token; this module records who reviewed what.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assistant.core.errors import KBDuplicateQuestion
from assistant.core.i18n import Language, t
from assistant.db.inbox_models import InboxItem
from assistant.db.models import Staff
from assistant.inbox.collector import Collector
from assistant.inbox.errors import InboxItemsNotFound
from assistant.inbox.grouping import embed_missing, group_items, vector_of
from assistant.inbox.masking import mask
from assistant.inbox.schemas import (
    DismissPublic,
    DraftPublic,
    InboxEntryPublic,
    InboxGroupPublic,
    InboxItemPublic,
    InboxPublic,
    ItemsRequest,
    PhrasingPublic,
    PhrasingRequest,
)
from assistant.kb.models import Entry
from assistant.kb.retriever import Retriever
from assistant.kb.store import editor_url
from assistant.staff.roles import has_role
from assistant.staff.views import age_label, as_utc

if TYPE_CHECKING:
    from assistant.services import Services

log = logging.getLogger(__name__)

GROUPS_MAX = 200  # groups shown at once, most frequent first
CLOSEST_ENTRIES = 3
DRAFT_QUESTIONS_MAX = 10  # per language, from the group's wordings


def _retriever(services: Services) -> Retriever | None:
    return services.kb.retriever if services.kb is not None else None


def collector(services: Services) -> Collector:
    return Collector(
        services.sessions, _retriever(services), services.settings.inbox_in_scope_threshold
    )


# --- reading -----------------------------------------------------------------------------


def _item_public(item: InboxItem, language: str, now: datetime) -> InboxItemPublic:
    return InboxItemPublic(
        id=item.id,
        text=item.text,
        language=item.language,
        language_label=t(f"staff.language.{item.language}", language),
        reason=item.reason,
        reason_label=t(f"staff.inbox.reason.{item.reason}", language),
        count=item.pending,
        total=item.count,
        first_seen=as_utc(item.first_seen),
        last_seen=as_utc(item.last_seen),
        last_seen_label=age_label(item.last_seen, now, language),
        candidates=list(item.candidates or []),
    )


def _closest_entries(
    group: list[InboxItem], retriever: Retriever | None, language: str
) -> list[InboxEntryPublic]:
    """The entries most similar to the representative question, then any entry the failed
    turns involved (a clarification's choices, the answer that got a 👎)."""
    involved = list(dict.fromkeys(c for item in group for c in (item.candidates or [])))
    if retriever is None:
        return [
            InboxEntryPublic(
                id=entry_id,
                title=entry_id,
                score=None,
                involved=True,
                editor_url=editor_url(entry_id),
            )
            for entry_id in involved
        ]
    index = retriever.index
    representative = group[0]
    scores: dict[str, float] = {}
    if (
        representative.embedding is not None
        and representative.encoder_name == retriever.encoder.name
    ):
        similarities = index.scores(vector_of(representative))
        for indexed, score in zip(index.entries, similarities, strict=True):
            scores[indexed.id] = float(score)
    ranked = sorted(scores, key=lambda entry_id: -scores[entry_id])[:CLOSEST_ENTRIES]
    shown = list(dict.fromkeys([*ranked, *involved]))
    found: list[InboxEntryPublic] = []
    for entry_id in shown:
        entry = retriever.entry(entry_id)
        if entry is None:  # retired since
            continue
        found.append(
            InboxEntryPublic(
                id=entry.id,
                title=entry.content(language).title,
                score=round(scores[entry_id], 3) if entry_id in scores else None,
                involved=entry_id in involved,
                editor_url=editor_url(entry.id),
            )
        )
    return found


def _group_public(
    group: list[InboxItem], retriever: Retriever | None, language: str, now: datetime
) -> InboxGroupPublic:
    items = [_item_public(item, language, now) for item in group]
    languages = sorted({item.language for item in group}, key=("fr", "en").index)
    reasons = list(dict.fromkeys(item.reason for item in group))
    return InboxGroupPublic(
        id=group[0].id,
        representative=items[0],
        size=len(group),
        occurrences=sum(item.pending for item in group),
        languages=languages,
        language_labels=[t(f"staff.language.{code}", language) for code in languages],
        reasons=reasons,
        reason_labels=[t(f"staff.inbox.reason.{reason}", language) for reason in reasons],
        last_seen=max(item.last_seen for item in items),
        item_ids=[item.id for item in group],
        items=items,
        entries=_closest_entries(group, retriever, language),
    )


async def inbox_view(services: Services, viewer: Staff, language: str) -> InboxPublic:
    """Collects new failures, then the open items grouped, most frequent first."""
    try:
        await collector(services).collect()
    except Exception as error:  # what was collected before is still worth showing
        # the type only: a database error's message may quote the (masked) question
        log.error("review inbox: new failures not collected (%s)", type(error).__name__)
    retriever = _retriever(services)
    async with services.sessions() as session, session.begin():
        rows = await session.execute(
            select(InboxItem)
            .where(InboxItem.status == "open")
            .order_by(InboxItem.pending.desc(), InboxItem.last_seen.desc(), InboxItem.id)
        )
        items = list(rows.scalars())
        if retriever is not None:
            await embed_missing(items, retriever.encoder)
    threshold = services.settings.inbox_group_threshold
    groups = await asyncio.to_thread(group_items, items, threshold)
    groups.sort(key=lambda g: (-sum(i.pending for i in g), -as_utc(g[0].last_seen).timestamp()))
    now = datetime.now(UTC)
    return InboxPublic(
        groups=[_group_public(g, retriever, language, now) for g in groups[:GROUPS_MAX]],
        threshold=threshold,
        grouped=retriever is not None,
        can_act=has_role(viewer, "editor"),
    )


async def items_by_id(services: Services, item_ids: Sequence[int]) -> list[InboxItem]:
    """The items, in the order given; raises InboxItemsNotFound if none exists."""
    async with services.sessions() as session:
        rows = await session.execute(select(InboxItem).where(InboxItem.id.in_(set(item_ids))))
        found = {item.id: item for item in rows.scalars()}
    items = [found[i] for i in dict.fromkeys(item_ids) if i in found]
    if not items:
        raise InboxItemsNotFound()
    return items


@dataclass(frozen=True)
class PhrasingPreview:
    """What the confirmation step shows: the question, and the entry it will join."""

    item: InboxItem
    items: list[InboxItem]
    entry: Entry
    phrasings: list[str]  # the entry's current ones, in the question's language


async def phrasing_preview(
    services: Services, item_ids: Sequence[int], entry_id: str, item_id: int | None = None
) -> PhrasingPreview | None:
    """None when the entry is not (or no longer) published."""
    items = await items_by_id(services, item_ids)
    retriever = _retriever(services)
    entry = retriever.entry(entry_id) if retriever else None
    if entry is None:
        return None
    item = _chosen(items, item_id)
    return PhrasingPreview(item, items, entry, list(entry.content(item.language).questions))


def _chosen(items: list[InboxItem], item_id: int | None) -> InboxItem:
    return next((i for i in items if i.id == item_id), items[0])


# --- acting ------------------------------------------------------------------------------


async def _resolve(
    services: Services, items: list[InboxItem], status: str, staff: Staff, resolution: str | None
) -> int:
    now = datetime.now(UTC)
    async with services.sessions() as session, session.begin():
        rows = await session.execute(
            select(InboxItem).where(InboxItem.id.in_([item.id for item in items]))
        )
        changed = 0
        for item in rows.scalars():
            item.status = status
            item.pending = 0
            item.reviewed_at = now
            item.reviewed_by = staff.id
            item.resolution = resolution
            changed += 1
        return changed


async def add_phrasing(
    services: Services, staff: Staff, request: PhrasingRequest
) -> PhrasingPublic:
    """Adds the question (as the editor corrected it, masked again) to a published entry, live
    at once, and closes the group's items. A phrasing the entry already has closes them too."""
    store = services.kb_store
    items = await items_by_id(services, request.item_ids)
    item = _chosen(items, request.item_id)
    language: Language = "en" if item.language == "en" else "fr"
    text = " ".join(mask(request.text or item.text, language).split())
    version: int | None
    try:
        version = await store.add_question(request.entry_id, language, text, staff_id=staff.id)
    except KBDuplicateQuestion:
        version = None
    resolved = await _resolve(services, items, "phrased", staff, request.entry_id)
    return PhrasingPublic(
        entry_id=request.entry_id,
        language=language,
        text=text,
        version=version,
        already_present=version is None,
        resolved=resolved,
        editor_url=editor_url(request.entry_id),
    )


def draft_content(items: list[InboxItem]) -> dict[str, Any]:
    """A partial entry for the editor: the group's distinct wordings as question phrasings,
    per language (the representative's first)."""
    entry: dict[str, Any] = {}
    for language in ("fr", "en"):
        wordings = list(dict.fromkeys(i.text for i in items if i.language == language))
        if wordings:
            entry[language] = {"questions": wordings[:DRAFT_QUESTIONS_MAX]}
    return entry


async def draft_entry(services: Services, staff: Staff, request: ItemsRequest) -> DraftPublic:
    """A new draft entry holding the group's questions; the editor completes it."""
    store = services.kb_store
    items = await items_by_id(services, request.item_ids)
    entry_id = await store.create_draft(draft_content(items), staff_id=staff.id)
    resolved = await _resolve(services, items, "drafted", staff, entry_id)
    return DraftPublic(entry_id=entry_id, editor_url=editor_url(entry_id), resolved=resolved)


async def dismiss(services: Services, staff: Staff, request: ItemsRequest) -> DismissPublic:
    """The group leaves the inbox until one of its questions occurs again."""
    items = await items_by_id(services, request.item_ids)
    return DismissPublic(resolved=await _resolve(services, items, "dismissed", staff, None))
