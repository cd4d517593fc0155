"""The audit of rights requests: who (a staff id, or the command line), when, what (the action
and counts per store, or the names of the rectified fields) and why (a code from ``REASONS``,
never free text), so the audit itself holds no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import AssistantError
from assistant.db.rights_models import RightsAudit

#: why a request is carried out; labels ``privacy.reason.<code>`` in both languages
REASONS = (
    "access_request",  # the person asked for their data (s. 27)
    "rectification_request",  # the person asked for a correction (s. 28)
    "deletion_request",  # the person asked for deletion / withdrew consent (s. 28, 28.1)
    "consent_withdrawn",
    "inaccurate_data",  # staff found the data inaccurate
    "purpose_fulfilled",  # kept no longer than needed (s. 73)
    "legal_order",  # an order of the Commission or a court
)


class UnknownReason(AssistantError):
    """The reason must be one of the listed codes."""

    code = "unknown_reason"


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff member in the console, or whoever runs the command line."""

    kind: str  # console | cli
    staff_id: int | None = None


CLI = Actor("cli")


def checked_reason(reason: str) -> str:
    if reason not in REASONS:
        raise UnknownReason(reason)
    return reason


def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    searched_by: str,
    reason: str,
    what: dict[str, Any],
) -> RightsAudit:
    """In the caller's transaction: one audit entry."""
    entry = RightsAudit(
        staff_id=actor.staff_id,
        actor=actor.kind,
        action=action,
        searched_by=searched_by,
        reason=checked_reason(reason),
        what=what,
    )
    session.add(entry)
    return entry


async def latest(sessions: async_sessionmaker[AsyncSession], limit: int = 50) -> list[RightsAudit]:
    async with sessions() as session:
        query = select(RightsAudit).order_by(RightsAudit.id.desc()).limit(limit)
        return list((await session.execute(query)).scalars())
