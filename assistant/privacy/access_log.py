"""The staff access log: every staff view of a case and every export is recorded — who, when,
which case (id and reference) or what was exported — and admins read it, filtered, in the
console (``/staff/privacy/access``). It holds no visitor data, so it outlives the cases it
names; the reference still identifies the case in the Bureau's other records — unless the
person's data is deleted on request (``forget_references``).

Record with ``AccessLog.viewed_case`` / ``AccessLog.exported`` from the route that shows or
exports (``assistant/web/deps.py``: ``AccessLogDep``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.db.access_models import AccessEntry
from assistant.db.models import Staff

AccessAction = Literal["view_case", "export"]
ACTIONS: tuple[AccessAction, ...] = ("view_case", "export")
MAX_ROWS = 500  # a page shows at most this many entries, newest first


@dataclass(frozen=True)
class AccessFilter:
    """Every field optional; ``until`` is inclusive (the whole day)."""

    staff_id: int | None = None
    action: AccessAction | None = None
    case_reference: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AccessRow:
    at: datetime
    staff_id: int
    staff_name: str
    action: str
    case_id: int | None
    case_reference: str | None
    subject: str | None


async def forget_references(session: AsyncSession, case_ids: list[int]) -> None:
    """In the caller's transaction (a person's data deleted on request, ``rights_changes.py``):
    the entries about these cases keep who, when, what and the case id, but no longer name the
    case's reference, which the Bureau's other records could tie back to the person."""
    if case_ids:
        await session.execute(
            update(AccessEntry).where(AccessEntry.case_id.in_(case_ids)).values(case_reference=None)
        )


class AccessLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def viewed_case(self, staff_id: int, case_id: int, reference: str) -> None:
        await self._add(
            AccessEntry(
                staff_id=staff_id, action="view_case", case_id=case_id, case_reference=reference
            )
        )

    async def exported(
        self,
        staff_id: int,
        subject: str,
        case_id: int | None = None,
        reference: str | None = None,
    ) -> None:
        """``subject`` names what was exported (``incidents.csv``, ``case.json``…); the case,
        if the export is about one."""
        await self._add(
            AccessEntry(
                staff_id=staff_id,
                action="export",
                case_id=case_id,
                case_reference=reference,
                subject=subject[:80],
            )
        )

    async def _add(self, entry: AccessEntry) -> None:
        async with self._sessions() as session, session.begin():
            session.add(entry)

    async def entries(self, where: AccessFilter, limit: int = MAX_ROWS) -> list[AccessRow]:
        """Newest first, at most ``limit``."""
        query = select(AccessEntry, Staff.name).join(Staff, Staff.id == AccessEntry.staff_id)
        if where.staff_id is not None:
            query = query.where(AccessEntry.staff_id == where.staff_id)
        if where.action is not None:
            query = query.where(AccessEntry.action == where.action)
        if where.case_reference.strip():
            query = query.where(AccessEntry.case_reference == where.case_reference.strip().upper())
        if where.since is not None:
            query = query.where(AccessEntry.at >= datetime.combine(where.since, time(), UTC))
        if where.until is not None:
            end = datetime.combine(where.until + timedelta(days=1), time(), UTC)
            query = query.where(AccessEntry.at < end)
        query = query.order_by(AccessEntry.at.desc(), AccessEntry.id.desc()).limit(limit)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [
            AccessRow(
                at=entry.at,
                staff_id=entry.staff_id,
                staff_name=name,
                action=entry.action,
                case_id=entry.case_id,
                case_reference=entry.case_reference,
                subject=entry.subject,
            )
            for entry, name in rows
        ]

    async def staff_members(self) -> list[tuple[int, str]]:
        """Everyone who appears in the log (for the filter), by name."""
        query = (
            select(Staff.id, Staff.name)
            .where(Staff.id.in_(select(AccessEntry.staff_id)))
            .order_by(Staff.name)
        )
        async with self._sessions() as session:
            return [(staff_id, name) for staff_id, name in (await session.execute(query)).all()]
