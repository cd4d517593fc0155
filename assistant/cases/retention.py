"""Deletes what the consent notice promised not to keep, in the database: cases, their notes
and emails older than the retention period (ASSISTANT_CASE_RETENTION_DAYS), and conversations
(messages, feedback) without a case older than their own period
(ASSISTANT_CONVERSATION_RETENTION_DAYS).

``assistant.privacy.retention`` runs it with the purge of every other store, once a day in the
app and on demand with ``python -m assistant purge``.
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
    sessions: async_sessionmaker[AsyncSession],
    retention_days: int,
    now: datetime | None = None,
    conversation_days: int | None = None,
) -> PurgeReport:
    """Cases older than ``retention_days`` go; an email still waiting to be sent stays (it
    leaves with its case once sent or dead). A conversation goes once it has no case left and
    nothing newer than ``conversation_days`` (default: ``retention_days``)."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=retention_days)
    conversation_cutoff = now - timedelta(days=conversation_days or retention_days)
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
            Message.conversation_id == Conversation.id,
            Message.created_at >= conversation_cutoff,
        )
        kept_case = select(Case.id).where(Case.conversation_id == Conversation.id)
        old_conversations = select(Conversation.id).where(
            Conversation.updated_at < conversation_cutoff,
            ~recent_message.exists(),
            ~kept_case.exists(),
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
