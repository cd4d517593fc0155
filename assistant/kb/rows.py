"""The knowledge-base store's row work inside one transaction: lock an entry's record, find or
append a version, write an audit event, find a free id for a new entry."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assistant.core.errors import KBDraftConflict, KBEntryNotFound
from assistant.db.clock import as_utc
from assistant.db.kb_models import KBAuditEvent, KBEntryRecord, KBVersion
from assistant.kb.drafts import slugify


async def locked_record(session: AsyncSession, entry_id: str) -> KBEntryRecord:
    """The entry's record, locked for this transaction; raises KBEntryNotFound."""
    record = await session.scalar(
        select(KBEntryRecord).where(KBEntryRecord.id == entry_id).with_for_update()
    )
    if record is None:
        raise KBEntryNotFound(entry_id)
    return record


def draft_version(record: KBEntryRecord) -> str:
    """What an editor started from: the current version and the draft (its content and when it
    was saved). Any save or publish since changes it, so a save carrying an older one would
    overwrite another editor's work and is refused (``check_draft_version``)."""
    saved = as_utc(record.draft_updated_at).isoformat() if record.draft_updated_at else ""
    state = json.dumps([record.current_version, saved, record.draft], sort_keys=True)
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def check_draft_version(record: KBEntryRecord, expected: str | None) -> None:
    """Raises KBDraftConflict unless ``expected`` is the record's draft version (None: the
    caller does not check, e.g. an API client that predates draft versions)."""
    if expected is not None and expected != draft_version(record):
        raise KBDraftConflict(record.id)


async def find_version(
    session: AsyncSession, entry_id: str, number: int | None
) -> KBVersion | None:
    if number is None:
        return None
    return await session.scalar(
        select(KBVersion).where(KBVersion.entry_id == entry_id, KBVersion.number == number)
    )


async def append_version(
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
        KBVersion(entry_id=record.id, number=number, data=data, staff_id=staff_id, comment=comment)
    )
    record.current_version = number
    record.retired_at = None
    record.updated_at = datetime.now(UTC)
    return number


def add_audit(
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


async def free_id(session: AsyncSession, draft: dict[str, Any]) -> str:
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
