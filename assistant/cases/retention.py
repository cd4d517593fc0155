"""Deletes what the consent notice promised not to keep: cases, their notes and emails, and
conversations (messages, feedback) older than the retention period (ASSISTANT_CASE_RETENTION_DAYS).

Runs once a day in the app, and on demand with ``python -m assistant purge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.db.models import Case, CaseNote, Conversation, Feedback, Message, OutboxEmail


@dataclass(frozen=True)
class PurgeReport:
    cases: int
    conversations: int
    emails: int

    def __str__(self) -> str:
        return (
            f"deleted {self.cases} case(s), {self.conversations} conversation(s) "
            f"and {self.emails} email(s)"
        )


async def purge_expired(
    sessions: async_sessionmaker[AsyncSession], retention_days: int, now: datetime | None = None
) -> PurgeReport:
    """Everything older than ``retention_days`` goes; an email still waiting to be sent stays
    (it leaves with its case once sent or dead)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    async with sessions() as session, session.begin():
        old_cases = select(Case.id).where(Case.created_at < cutoff)
        case_ids = list((await session.execute(old_cases)).scalars())
        emails = await session.execute(
            delete(OutboxEmail).where(
                OutboxEmail.status != "pending",
                or_(OutboxEmail.case_id.in_(case_ids), OutboxEmail.created_at < cutoff),
            )
        )
        await session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.case_id.in_(case_ids))
            .values(case_id=None)
        )
        await session.execute(delete(CaseNote).where(CaseNote.case_id.in_(case_ids)))
        await session.execute(delete(Case).where(Case.id.in_(case_ids)))
        recent_message = select(Message.id).where(
            Message.conversation_id == Conversation.id, Message.created_at >= cutoff
        )
        recent_case = select(Case.id).where(
            Case.conversation_id == Conversation.id, Case.created_at >= cutoff
        )
        old_conversations = select(Conversation.id).where(
            Conversation.updated_at < cutoff, ~recent_message.exists(), ~recent_case.exists()
        )
        conversation_ids = list((await session.execute(old_conversations)).scalars())
        await session.execute(
            update(Case)
            .where(Case.conversation_id.in_(conversation_ids))
            .values(conversation_id=None)
        )
        await session.execute(
            delete(Feedback).where(Feedback.conversation_id.in_(conversation_ids))
        )
        await session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)))
        await session.execute(delete(Conversation).where(Conversation.id.in_(conversation_ids)))
    return PurgeReport(len(case_ids), len(conversation_ids), emails.rowcount or 0)  # type: ignore[attr-defined]
