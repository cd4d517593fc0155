"""The review inbox's operations: the open items grouped by similarity, the entries closest to
a group, and the editor's actions on a group (add a question as a phrasing of an entry, draft a
new entry, dismiss).

Changes to the KB go through the KB store (``assistant/kb/store.py``: ``add_question``
publishes at once and refreshes the live index; ``create_draft`` opens a draft for the
editor). Callers check the role (editor) and the CSRF token; this module records who reviewed
what. What the console shows of it is built by ``assistant/web/staff/inbox_views.py``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings
from assistant.core.errors import KBDuplicateQuestion
from assistant.core.i18n import Language
from assistant.db.clock import as_utc
from assistant.db.inbox_models import InboxItem
from assistant.inbox.collector import Collector
from assistant.inbox.errors import InboxItemsNotFound
from assistant.inbox.grouping import embed_missing, group_items, vector_of
from assistant.inbox.masking import mask
from assistant.kb.models import Entry
from assistant.kb.retriever import Retriever
from assistant.kb.store import KnowledgeBaseStore

log = logging.getLogger(__name__)

GROUPS_MAX = 200  # groups shown at once, most frequent first
CLOSEST_ENTRIES = 3
DRAFT_QUESTIONS_MAX = 10  # per language, from the group's wordings


@dataclass(frozen=True)
class OpenGroups:
    """The open items, grouped, most frequent group first (at most GROUPS_MAX)."""

    groups: list[list[InboxItem]]
    threshold: float  # the cosine similarity that put two questions together
    retriever: Retriever | None  # None while the KB loads: the items are not grouped then


@dataclass(frozen=True)
class ClosestEntry:
    """An entry close to a group: ``entry`` is None while the KB loads (only its id is known)."""

    id: str
    entry: Entry | None
    score: float | None
    involved: bool  # a clarification's choice or the answer that got a 👎


@dataclass(frozen=True)
class PhrasingPreview:
    """What the confirmation step shows: the question, and the entry it will join."""

    item: InboxItem
    items: list[InboxItem]
    entry: Entry
    phrasings: list[str]  # the entry's current ones, in the question's language


@dataclass(frozen=True)
class PhrasingAdded:
    entry_id: str
    language: Language
    text: str
    version: int | None  # None: the entry had this phrasing already
    resolved: int


def closest_entries(group: list[InboxItem], retriever: Retriever | None) -> list[ClosestEntry]:
    """The entries most similar to the representative question, then any entry the failed
    turns involved (a clarification's choices, the answer that got a 👎)."""
    involved = list(dict.fromkeys(c for item in group for c in (item.candidates or [])))
    if retriever is None:
        return [ClosestEntry(entry_id, None, None, True) for entry_id in involved]
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
    found: list[ClosestEntry] = []
    for entry_id in dict.fromkeys([*ranked, *involved]):
        entry = retriever.entry(entry_id)
        if entry is None:  # retired since
            continue
        score = round(scores[entry_id], 3) if entry_id in scores else None
        found.append(ClosestEntry(entry.id, entry, score, entry_id in involved))
    return found


def draft_content(items: list[InboxItem]) -> dict[str, Any]:
    """A partial entry for the editor: the group's distinct wordings as question phrasings,
    per language (the representative's first)."""
    entry: dict[str, Any] = {}
    for language in ("fr", "en"):
        wordings = list(dict.fromkeys(i.text for i in items if i.language == language))
        if wordings:
            entry[language] = {"questions": wordings[:DRAFT_QUESTIONS_MAX]}
    return entry


def _chosen(items: list[InboxItem], item_id: int | None) -> InboxItem:
    return next((i for i in items if i.id == item_id), items[0])


class InboxService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        kb_store: KnowledgeBaseStore,
        retriever: Callable[[], Retriever | None],
        settings: Settings,
    ) -> None:
        """``retriever`` gives the live KB's retriever (None while it loads); ``settings`` are
        read at each call (``inbox_in_scope_threshold``, ``inbox_group_threshold``)."""
        self._sessions = sessions
        self._store = kb_store
        self._retriever = retriever
        self._settings = settings

    def collector(self) -> Collector:
        return Collector(self._sessions, self._retriever(), self._settings.inbox_in_scope_threshold)

    # --- reading -------------------------------------------------------------------------

    async def open_groups(self) -> OpenGroups:
        """Collects new failures, then the open items grouped, most frequent first."""
        try:
            await self.collector().collect()
        except Exception as error:  # what was collected before is still worth showing
            # the type only: a database error's message may quote the (masked) question
            log.error("review inbox: new failures not collected (%s)", type(error).__name__)
        retriever = self._retriever()
        async with self._sessions() as session, session.begin():
            rows = await session.execute(
                select(InboxItem)
                .where(InboxItem.status == "open")
                .order_by(InboxItem.pending.desc(), InboxItem.last_seen.desc(), InboxItem.id)
            )
            items = list(rows.scalars())
            if retriever is not None:
                await embed_missing(items, retriever.encoder)
        threshold = self._settings.inbox_group_threshold
        groups = await asyncio.to_thread(group_items, items, threshold)
        groups.sort(key=lambda g: (-sum(i.pending for i in g), -as_utc(g[0].last_seen).timestamp()))
        return OpenGroups(groups[:GROUPS_MAX], threshold, retriever)

    async def items_by_id(self, item_ids: Sequence[int]) -> list[InboxItem]:
        """The items, in the order given; raises InboxItemsNotFound if none exists."""
        async with self._sessions() as session:
            rows = await session.execute(select(InboxItem).where(InboxItem.id.in_(set(item_ids))))
            found = {item.id: item for item in rows.scalars()}
        items = [found[i] for i in dict.fromkeys(item_ids) if i in found]
        if not items:
            raise InboxItemsNotFound()
        return items

    async def phrasing_preview(
        self, item_ids: Sequence[int], entry_id: str, item_id: int | None = None
    ) -> PhrasingPreview | None:
        """None when the entry is not (or no longer) published."""
        items = await self.items_by_id(item_ids)
        retriever = self._retriever()
        entry = retriever.entry(entry_id) if retriever else None
        if entry is None:
            return None
        item = _chosen(items, item_id)
        return PhrasingPreview(item, items, entry, list(entry.content(item.language).questions))

    # --- acting --------------------------------------------------------------------------

    async def _resolve(
        self, items: list[InboxItem], status: str, staff_id: int, resolution: str | None
    ) -> int:
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            rows = await session.execute(
                select(InboxItem).where(InboxItem.id.in_([item.id for item in items]))
            )
            changed = 0
            for item in rows.scalars():
                item.status = status
                item.pending = 0
                item.reviewed_at = now
                item.reviewed_by = staff_id
                item.resolution = resolution
                changed += 1
            return changed

    async def add_phrasing(
        self,
        staff_id: int,
        item_ids: Sequence[int],
        entry_id: str,
        *,
        item_id: int | None = None,
        text: str | None = None,
    ) -> PhrasingAdded:
        """Adds the question (as the editor corrected it, masked again) to a published entry,
        live at once, and closes the group's items. A phrasing the entry already has closes
        them too."""
        items = await self.items_by_id(item_ids)
        item = _chosen(items, item_id)
        language: Language = "en" if item.language == "en" else "fr"
        phrasing = " ".join(mask(text or item.text, language).split())
        version: int | None
        try:
            version = await self._store.add_question(
                entry_id, language, phrasing, staff_id=staff_id
            )
        except KBDuplicateQuestion:
            version = None
        resolved = await self._resolve(items, "phrased", staff_id, entry_id)
        return PhrasingAdded(entry_id, language, phrasing, version, resolved)

    async def draft_entry(self, staff_id: int, item_ids: Sequence[int]) -> tuple[str, int]:
        """A new draft entry holding the group's questions (the editor completes it): its id,
        and how many items were closed."""
        items = await self.items_by_id(item_ids)
        entry_id = await self._store.create_draft(draft_content(items), staff_id=staff_id)
        return entry_id, await self._resolve(items, "drafted", staff_id, entry_id)

    async def dismiss(self, staff_id: int, item_ids: Sequence[int]) -> int:
        """The group leaves the inbox until one of its questions occurs again; how many items
        were closed."""
        items = await self.items_by_id(item_ids)
        return await self._resolve(items, "dismissed", staff_id, None)
