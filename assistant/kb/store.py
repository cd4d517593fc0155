"""The knowledge base as staff edit it: the database is the source of truth once ``kb/`` has
been imported on first start.

Every entry has a current published version (unless retired) and at most one draft. Versions
are immutable and numbered 1, 2, 3… per entry; publishing, adding a phrasing and rolling back
each append one. Each change is written to the audit log with the staff member and the time.
After a change that affects what visitors see, ``on_publish`` runs (the app rebuilds the live
index, re-embedding only the changed texts). Roles are checked by the web layer, not here.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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
from assistant.db.kb_models import KBAuditEvent, KBEntryRecord, KBVersion
from assistant.kb.diff import FieldChange, diff_entries
from assistant.kb.drafts import as_draft, clean_draft, publishable_entry, same_phrasing, slugify
from assistant.kb.loader import load_entries
from assistant.kb.models import ENTRY_ID, Entry

log = logging.getLogger(__name__)

EDITOR_PATH = "/staff/kb"
REVIEW_SOON_DAYS = 30  # entries due for review within this many days are flagged "soon"
ReviewState = Literal["overdue", "soon", "ok"]


def editor_url(entry_id: str) -> str:
    """The staff console page where an entry (published or draft) is edited."""
    return f"{EDITOR_PATH}/{entry_id}"


def review_state(entry: Entry, today: date | None = None) -> ReviewState:
    today = today or date.today()
    if entry.review_date < today:
        return "overdue"
    if entry.review_date <= today + timedelta(days=REVIEW_SOON_DAYS):
        return "soon"
    return "ok"


@dataclass(frozen=True)
class EntrySummary:
    """One row of the console's KB list."""

    id: str
    status: Literal["published", "draft", "retired"]
    has_draft: bool
    version: int | None
    topic: str | None
    title_fr: str
    title_en: str
    languages: list[str]
    review_date: date | None
    review: ReviewState | None
    updated_at: datetime


@dataclass(frozen=True)
class EntryState:
    """An entry as the editor sees it: its current version (even if retired) and its draft."""

    id: str
    current_version: int | None
    current: dict[str, Any] | None
    retired: bool
    draft: dict[str, Any] | None
    draft_updated_at: datetime | None

    @property
    def published(self) -> bool:
        return self.current is not None and not self.retired

    @property
    def working_copy(self) -> dict[str, Any]:
        """What the editor form shows: the draft, else the current version."""
        return self.draft or self.current or {"id": self.id}


@dataclass(frozen=True)
class VersionInfo:
    number: int
    staff_id: int | None
    comment: str
    created_at: datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class AuditInfo:
    entry_id: str
    staff_id: int | None
    action: str
    version: int | None
    detail: str
    created_at: datetime


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


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
            updated_at=_utc(record.updated_at),
        )

    async def state(self, entry_id: str) -> EntryState:
        """Raises KBEntryNotFound."""
        async with self._sessions() as session:
            record = await session.get(KBEntryRecord, entry_id)
            if record is None:
                raise KBEntryNotFound(entry_id)
            current = await self._version(session, entry_id, record.current_version)
        return EntryState(
            id=record.id,
            current_version=record.current_version,
            current=current.data if current else None,
            retired=record.retired_at is not None,
            draft=record.draft,
            draft_updated_at=_utc(record.draft_updated_at) if record.draft_updated_at else None,
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
                VersionInfo(v.number, v.staff_id, v.comment, _utc(v.created_at), v.data)
                for v in rows
            ]

    async def version(self, entry_id: str, number: int) -> VersionInfo:
        """Raises KBVersionNotFound."""
        async with self._sessions() as session:
            found = await self._version(session, entry_id, number)
        if found is None:
            raise KBVersionNotFound(f"{entry_id} v{number}")
        return VersionInfo(
            found.number, found.staff_id, found.comment, _utc(found.created_at), found.data
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
                AuditInfo(e.entry_id, e.staff_id, e.action, e.version, e.detail, _utc(e.created_at))
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
                current = await self._version(session, entry.id, record.current_version)
                if current is not None and current.data == data and record.retired_at is None:
                    continue
                number = await self._append_version(
                    session, record, data, staff_id, "imported from kb/ files"
                )
                self._audit(session, entry.id, staff_id, "import", number)
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
                draft["id"] = await self._free_id(session, draft)
            session.add(
                KBEntryRecord(
                    id=draft["id"],
                    draft=draft,
                    draft_updated_at=datetime.now(UTC),
                    draft_updated_by=staff_id,
                )
            )
            self._audit(session, draft["id"], staff_id, "create_draft")
        return str(draft["id"])

    async def save_draft(self, entry_id: str, entry: dict[str, Any], *, staff_id: int) -> None:
        """Replaces the entry's draft (creating one); the id cannot change."""
        draft = clean_draft({**entry, "id": entry_id})
        async with self._sessions() as session, session.begin():
            record = await self._record(session, entry_id)
            record.draft = draft
            record.draft_updated_at = datetime.now(UTC)
            record.draft_updated_by = staff_id
            self._audit(session, entry_id, staff_id, "save_draft")

    async def discard_draft(self, entry_id: str, *, staff_id: int) -> None:
        """Drops the draft; an entry that was never published disappears with it."""
        async with self._sessions() as session, session.begin():
            record = await self._record(session, entry_id)
            if record.draft is None:
                raise KBNoDraft(entry_id)
            if record.current_version is None:
                await session.delete(record)
            else:
                record.draft = None
                record.draft_updated_at = None
                record.draft_updated_by = None
            self._audit(session, entry_id, staff_id, "discard_draft")

    async def publish(self, entry_id: str, *, staff_id: int, comment: str = "") -> int:
        """The draft becomes the new current version (parity checked); its number."""
        async with self._sessions() as session, session.begin():
            record = await self._record(session, entry_id)
            if record.draft is None:
                raise KBNoDraft(entry_id)
            entry = publishable_entry({**record.draft, "id": entry_id})
            number = await self._append_version(session, record, as_draft(entry), staff_id, comment)
            record.draft = None
            record.draft_updated_at = None
            record.draft_updated_by = None
            self._audit(session, entry_id, staff_id, "publish", number, comment)
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
            record = await self._record(session, entry_id)
            current = await self._version(session, entry_id, record.current_version)
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
            number = await self._append_version(
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
            self._audit(session, entry_id, staff_id, "add_question", number, phrasing[:200])
        await self._published()
        return number

    async def rollback(self, entry_id: str, number: int, *, staff_id: int) -> int:
        """Version ``number`` published again as a new version (also un-retires)."""
        async with self._sessions() as session, session.begin():
            record = await self._record(session, entry_id)
            old = await self._version(session, entry_id, number)
            if old is None:
                raise KBVersionNotFound(f"{entry_id} v{number}")
            comment = f"rollback to v{number}"
            new = await self._append_version(session, record, old.data, staff_id, comment)
            self._audit(session, entry_id, staff_id, "rollback", new, comment)
        await self._published()
        return new

    async def retire(self, entry_id: str, *, staff_id: int) -> None:
        """Visitors stop getting this entry; its versions stay (rollback republishes one)."""
        async with self._sessions() as session, session.begin():
            record = await self._record(session, entry_id)
            if record.current_version is None or record.retired_at is not None:
                raise KBEntryNotFound(entry_id)
            record.retired_at = datetime.now(UTC)
            self._audit(session, entry_id, staff_id, "retire", record.current_version)
        await self._published()

    # --- internals -----------------------------------------------------------------------

    async def _published(self) -> None:
        if self.on_publish is not None:
            await self.on_publish()

    @staticmethod
    async def _record(session: AsyncSession, entry_id: str) -> KBEntryRecord:
        record = await session.scalar(
            select(KBEntryRecord).where(KBEntryRecord.id == entry_id).with_for_update()
        )
        if record is None:
            raise KBEntryNotFound(entry_id)
        return record

    @staticmethod
    async def _version(
        session: AsyncSession, entry_id: str, number: int | None
    ) -> KBVersion | None:
        if number is None:
            return None
        return await session.scalar(
            select(KBVersion).where(KBVersion.entry_id == entry_id, KBVersion.number == number)
        )

    @staticmethod
    async def _append_version(
        session: AsyncSession,
        record: KBEntryRecord,
        data: dict[str, Any],
        staff_id: int | None,
        comment: str,
    ) -> int:
        last = await session.scalar(
            select(func.max(KBVersion.number)).where(KBVersion.entry_id == record.id)
        )
        number = (last or 0) + 1
        session.add(
            KBVersion(
                entry_id=record.id, number=number, data=data, staff_id=staff_id, comment=comment
            )
        )
        record.current_version = number
        record.retired_at = None
        record.updated_at = datetime.now(UTC)
        return number

    @staticmethod
    def _audit(
        session: AsyncSession,
        entry_id: str,
        staff_id: int | None,
        action: str,
        version: int | None = None,
        detail: str = "",
    ) -> None:
        session.add(
            KBAuditEvent(
                entry_id=entry_id,
                staff_id=staff_id,
                action=action,
                version=version,
                detail=detail[:500],
            )
        )

    @staticmethod
    async def _free_id(session: AsyncSession, draft: dict[str, Any]) -> str:
        seed = next(
            (
                text
                for language in ("fr", "en")
                for text in [
                    (draft.get(language) or {}).get("title", ""),
                    *(draft.get(language) or {}).get("questions", []),
                ]
                if text
            ),
            "entry",
        )
        base = slugify(seed)
        candidate, suffix = base, 2
        while await session.get(KBEntryRecord, candidate) is not None:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        return candidate
