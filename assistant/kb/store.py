"""The knowledge base as staff edit it: the database is the source of truth once ``kb/`` has
been imported on first start.

Every entry has a current published version (unless retired) and at most one draft. Versions
are immutable and numbered 1, 2, 3… per entry; publishing, adding a phrasing and rolling back
each append one. Each change is written to the audit log with the staff member and the time.
After a change that affects what visitors see, ``on_publish`` runs (the app rebuilds the live
index, re-embedding only the changed texts). Roles are checked by the web layer, not here.
What reading returns is in ``records.py``; the row work inside a transaction in ``rows.py``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import (
    KBDraftInvalid,
    KBDuplicateQuestion,
    KBEntryExists,
    KBEntryNotFound,
    KBNoDraft,
    KBVersionNotFound,
)
from assistant.db.clock import as_utc
from assistant.db.kb_models import KBAuditEvent, KBEntryRecord, KBVersion
from assistant.kb.diff import FieldChange, diff_entries
from assistant.kb.drafts import as_draft, clean_draft, publishable_entry, same_phrasing
from assistant.kb.loader import load_entries
from assistant.kb.models import ENTRY_ID, Entry
from assistant.kb.records import (
    AuditInfo,
    EntryState,
    EntrySummary,
    ReviewState,
    VersionInfo,
    review_state,
)
from assistant.kb.rows import (
    add_audit,
    append_version,
    check_draft_version,
    draft_version,
    find_version,
    free_id,
    locked_record,
)

log = logging.getLogger(__name__)

__all__ = [
    "AuditInfo",
    "EntryState",
    "EntrySummary",
    "KnowledgeBaseStore",
    "ReviewState",
    "VersionInfo",
    "review_state",
]


def _title(data: dict[str, Any] | None, language: str) -> str:
    part = (data or {}).get(language) or {}
    return str(part.get("title") or "")


class KnowledgeBaseStore:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        on_publish: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._sessions = sessions
        self.on_publish = on_publish

    # --- reading -------------------------------------------------------------------------

    async def published_entries(self) -> list[Entry]:
        """Every published (not retired) entry, sorted by id."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(KBVersion.data)
                .join(
                    KBEntryRecord,
                    (KBEntryRecord.id == KBVersion.entry_id)
                    & (KBEntryRecord.current_version == KBVersion.number),
                )
                .where(KBEntryRecord.retired_at.is_(None))
                .order_by(KBEntryRecord.id)
            )
            return [Entry.model_validate(data) for (data,) in rows]

    async def published_entry(self, entry_id: str) -> Entry | None:
        state = await self.state(entry_id)
        return Entry.model_validate(state.current) if state.published and state.current else None

    async def published_fingerprint(self) -> str:
        """Changes whenever what visitors may be answered with changes (any process)."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(KBEntryRecord.id, KBEntryRecord.current_version)
                .where(KBEntryRecord.retired_at.is_(None))
                .where(KBEntryRecord.current_version.is_not(None))
                .order_by(KBEntryRecord.id)
            )
            digest = hashlib.sha256()
            for entry_id, version in rows:
                digest.update(f"{entry_id}:{version};".encode())
            return digest.hexdigest()

    async def is_empty(self) -> bool:
        async with self._sessions() as session:
            return not await session.scalar(select(func.count(KBEntryRecord.id)))

    async def summaries(self) -> list[EntrySummary]:
        async with self._sessions() as session:
            records = (await session.scalars(select(KBEntryRecord))).all()
            current = {
                entry_id: data
                for entry_id, data in await session.execute(
                    select(KBVersion.entry_id, KBVersion.data).join(
                        KBEntryRecord,
                        (KBEntryRecord.id == KBVersion.entry_id)
                        & (KBEntryRecord.current_version == KBVersion.number),
                    )
                )
            }
        summaries = [self._summary(record, current.get(record.id)) for record in records]
        return sorted(summaries, key=lambda s: s.id)

    @staticmethod
    def _summary(record: KBEntryRecord, data: dict[str, Any] | None) -> EntrySummary:
        shown = data or record.draft or {}
        entry = Entry.model_validate(data) if data else None
        status: Literal["published", "draft", "retired"] = (
            "draft" if data is None else "retired" if record.retired_at else "published"
        )
        return EntrySummary(
            id=record.id,
            status=status,
            has_draft=record.draft is not None,
            version=record.current_version,
            topic=shown.get("topic"),
            title_fr=_title(shown, "fr"),
            title_en=_title(shown, "en"),
            languages=[language for language in ("fr", "en") if language in shown],
            review_date=entry.review_date if entry else None,
            review=review_state(entry) if entry and status == "published" else None,
            updated_at=as_utc(record.updated_at),
        )

    async def state(self, entry_id: str) -> EntryState:
        """Raises KBEntryNotFound."""
        async with self._sessions() as session:
            record = await session.get(KBEntryRecord, entry_id)
            if record is None:
                raise KBEntryNotFound(entry_id)
            current = await find_version(session, entry_id, record.current_version)
        return EntryState(
            id=record.id,
            current_version=record.current_version,
            current=current.data if current else None,
            retired=record.retired_at is not None,
            draft=record.draft,
            draft_updated_at=as_utc(record.draft_updated_at) if record.draft_updated_at else None,
            draft_version=draft_version(record),
        )

    async def versions(self, entry_id: str) -> list[VersionInfo]:
        """Newest first. Raises KBEntryNotFound."""
        async with self._sessions() as session:
            if await session.get(KBEntryRecord, entry_id) is None:
                raise KBEntryNotFound(entry_id)
            rows = await session.scalars(
                select(KBVersion)
                .where(KBVersion.entry_id == entry_id)
                .order_by(KBVersion.number.desc())
            )
            return [
                VersionInfo(v.number, v.staff_id, v.comment, as_utc(v.created_at), v.data)
                for v in rows
            ]

    async def version(self, entry_id: str, number: int) -> VersionInfo:
        """Raises KBVersionNotFound."""
        async with self._sessions() as session:
            found = await find_version(session, entry_id, number)
        if found is None:
            raise KBVersionNotFound(f"{entry_id} v{number}")
        return VersionInfo(
            found.number, found.staff_id, found.comment, as_utc(found.created_at), found.data
        )

    async def diff(self, entry_id: str, before: int, after: int) -> list[FieldChange]:
        """What changed from version ``before`` to version ``after`` (any two versions)."""
        old, new = await self.version(entry_id, before), await self.version(entry_id, after)
        return diff_entries(old.data, new.data)

    async def audit(self, entry_id: str | None = None, limit: int = 200) -> list[AuditInfo]:
        """Newest first; one entry's, or the whole KB's."""
        query = select(KBAuditEvent).order_by(KBAuditEvent.id.desc()).limit(limit)
        if entry_id is not None:
            query = query.where(KBAuditEvent.entry_id == entry_id)
        async with self._sessions() as session:
            return [
                AuditInfo(
                    e.entry_id, e.staff_id, e.action, e.version, e.detail, as_utc(e.created_at)
                )
                for e in await session.scalars(query)
            ]

    # --- importing kb/ files -------------------------------------------------------------

    async def import_if_empty(self, directory: Path) -> int:
        """First start: the kb/ files become version 1 of each entry. Raises
        KnowledgeBaseError (every bad file listed) and imports nothing then."""
        if not await self.is_empty() or not directory.is_dir():
            return 0
        return await self.import_entries(load_entries(directory), staff_id=None)

    async def import_entries(self, entries: list[Entry], *, staff_id: int | None) -> int:
        """Publishes every new or changed entry (as a new version); returns how many."""
        changed = 0
        async with self._sessions() as session, session.begin():
            for entry in entries:
                data = as_draft(entry)
                record = await session.get(KBEntryRecord, entry.id)
                if record is None:
                    record = KBEntryRecord(id=entry.id)
                    session.add(record)
                    await session.flush()
                current = await find_version(session, entry.id, record.current_version)
                if current is not None and current.data == data and record.retired_at is None:
                    continue
                number = await append_version(
                    session, record, data, staff_id, "imported from kb/ files"
                )
                add_audit(session, entry.id, staff_id, "import", number)
                changed += 1
        if changed:
            log.info("knowledge base: %d entries imported from files", changed)
            await self._published()
        return changed

    # --- editing -------------------------------------------------------------------------

    async def create_draft(self, entry: dict[str, Any], *, staff_id: int) -> str:
        """A new, unpublished entry holding only this (possibly partial) draft; its id."""
        draft = clean_draft(entry)
        draft.setdefault("languages", ["fr", "en"])
        draft.setdefault("last_verified", date.today().isoformat())
        async with self._sessions() as session, session.begin():
            if "id" in draft:
                if not ENTRY_ID.match(draft["id"]):
                    raise KBDraftInvalid(problems=["id: lowercase letters, digits and dashes only"])
                if await session.get(KBEntryRecord, draft["id"]) is not None:
                    raise KBEntryExists(draft["id"])
            else:
                draft["id"] = await free_id(session, draft)
            session.add(
                KBEntryRecord(
                    id=draft["id"],
                    draft=draft,
                    draft_updated_at=datetime.now(UTC),
                    draft_updated_by=staff_id,
                )
            )
            add_audit(session, draft["id"], staff_id, "create_draft")
        return str(draft["id"])

    async def save_draft(
        self,
        entry_id: str,
        entry: dict[str, Any],
        *,
        staff_id: int,
        expected_version: str | None = None,
    ) -> None:
        """Replaces the entry's draft (creating one); the id cannot change. With
        ``expected_version`` (the ``draft_version`` the editor started from), raises
        KBDraftConflict if another editor saved or published since."""
        draft = clean_draft({**entry, "id": entry_id})
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            check_draft_version(record, expected_version)
            record.draft = draft
            record.draft_updated_at = datetime.now(UTC)
            record.draft_updated_by = staff_id
            add_audit(session, entry_id, staff_id, "save_draft")

    async def discard_draft(self, entry_id: str, *, staff_id: int) -> None:
        """Drops the draft; an entry that was never published disappears with it."""
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            if record.draft is None:
                raise KBNoDraft(entry_id)
            if record.current_version is None:
                await session.delete(record)
            else:
                record.draft = None
                record.draft_updated_at = None
                record.draft_updated_by = None
            add_audit(session, entry_id, staff_id, "discard_draft")

    async def publish(self, entry_id: str, *, staff_id: int, comment: str = "") -> int:
        """The draft becomes the new current version (parity checked); its number."""
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            if record.draft is None:
                raise KBNoDraft(entry_id)
            entry = publishable_entry({**record.draft, "id": entry_id})
            number = await append_version(session, record, as_draft(entry), staff_id, comment)
            record.draft = None
            record.draft_updated_at = None
            record.draft_updated_by = None
            add_audit(session, entry_id, staff_id, "publish", number, comment)
        await self._published()
        return number

    async def add_question(
        self, entry_id: str, language: Literal["fr", "en"], text: str, *, staff_id: int
    ) -> int:
        """A new phrasing of a published entry, published at once; the new version number."""
        phrasing = " ".join(text.split())
        if not phrasing:
            raise KBDraftInvalid(problems=[f"{language}.questions: empty phrasing"])
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            current = await find_version(session, entry_id, record.current_version)
            if current is None or record.retired_at is not None:
                raise KBEntryNotFound(entry_id)
            content = current.data.get(language)
            if not content:
                raise KBDraftInvalid(problems=[f"{language}: the entry has no {language} content"])
            if any(same_phrasing(phrasing, q) for q in content["questions"]):
                raise KBDuplicateQuestion(phrasing)
            data = {
                **current.data,
                language: {**content, "questions": [*content["questions"], phrasing]},
            }
            entry = publishable_entry(data)
            number = await append_version(
                session, record, as_draft(entry), staff_id, f"+ {language}: {phrasing}"[:500]
            )
            draft_content = (record.draft or {}).get(language)
            if (
                record.draft is not None
                and draft_content is not None
                and not any(same_phrasing(phrasing, q) for q in draft_content.get("questions", []))
            ):
                questions = [*draft_content.get("questions", []), phrasing]
                record.draft = {**record.draft, language: {**draft_content, "questions": questions}}
            add_audit(session, entry_id, staff_id, "add_question", number, phrasing[:200])
        await self._published()
        return number

    async def rollback(self, entry_id: str, number: int, *, staff_id: int) -> int:
        """Version ``number`` published again as a new version (also un-retires)."""
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            old = await find_version(session, entry_id, number)
            if old is None:
                raise KBVersionNotFound(f"{entry_id} v{number}")
            comment = f"rollback to v{number}"
            new = await append_version(session, record, old.data, staff_id, comment)
            add_audit(session, entry_id, staff_id, "rollback", new, comment)
        await self._published()
        return new

    async def retire(self, entry_id: str, *, staff_id: int) -> None:
        """Visitors stop getting this entry; its versions stay (rollback republishes one)."""
        async with self._sessions() as session, session.begin():
            record = await locked_record(session, entry_id)
            if record.current_version is None or record.retired_at is not None:
                raise KBEntryNotFound(entry_id)
            record.retired_at = datetime.now(UTC)
            add_audit(session, entry_id, staff_id, "retire", record.current_version)
        await self._published()

    # --- internals -----------------------------------------------------------------------

    async def _published(self) -> None:
        if self.on_publish is not None:
            await self.on_publish()
