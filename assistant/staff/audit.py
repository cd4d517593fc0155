"""The account audit (``account_audit``): every change to a staff account — who made it, when,
what, which account. Never a password, a token or a link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from assistant.db.clock import as_utc
from assistant.db.models import Staff
from assistant.db.staff_models import AccountAudit

AuditAction = Literal[
    "created",
    "disabled",
    "enabled",
    "role_changed",
    "password_reset",
    "signed_out_everywhere",
    "password_changed",
    "invitation_accepted",
]
AUDIT_ACTIONS: tuple[AuditAction, ...] = get_args(AuditAction)


def audit(
    session: AsyncSession,
    actor_id: int | None,
    staff_id: int,
    action: AuditAction,
    detail: str = "",
) -> None:
    """Stages the record in the caller's transaction (so it exists exactly when the change
    does). ``actor_id`` None: the command line."""
    session.add(AccountAudit(actor_id=actor_id, staff_id=staff_id, action=action, detail=detail))


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    actor: str | None  # the actor's name; None: the command line
    account: str  # the account's email
    action: str
    detail: str


async def recent(sessions: async_sessionmaker[AsyncSession], limit: int = 200) -> list[AuditRecord]:
    """The latest records, newest first."""
    actor = aliased(Staff)
    query = (
        select(AccountAudit, actor.name, Staff.email)
        .join(Staff, Staff.id == AccountAudit.staff_id)
        .outerjoin(actor, actor.id == AccountAudit.actor_id)
        .order_by(AccountAudit.id.desc())
        .limit(limit)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return [
        AuditRecord(as_utc(record.created_at), actor_name, email, record.action, record.detail)
        for record, actor_name, email in rows
    ]
