"""Visitors' 👍/👎 on knowledge-base answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import ConversationNotFound
from assistant.db.models import Conversation, Feedback, Message


class FeedbackRequest(BaseModel):
    conversation_id: str = Field(max_length=64)
    kb_entry: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9-]+$")
    value: Literal["up", "down"]


async def record_feedback(
    sessions: async_sessionmaker[AsyncSession], request: FeedbackRequest
) -> None:
    """One vote per answer: voting again on the same entry replaces the previous vote."""
    async with sessions() as session, session.begin():
        conversation = await session.get(Conversation, request.conversation_id)
        if conversation is None:
            raise ConversationNotFound(request.conversation_id)
        question = await _answered_question(session, request.conversation_id, request.kb_entry)
        existing = (
            await session.execute(
                select(Feedback).where(
                    Feedback.conversation_id == request.conversation_id,
                    Feedback.kb_entry == request.kb_entry,
                )
            )
        ).scalar_one_or_none()
        if existing is None:
            session.add(
                Feedback(
                    conversation_id=request.conversation_id,
                    kb_entry=request.kb_entry,
                    value=request.value,
                    question=question,
                    language=conversation.language,
                )
            )
        else:
            existing.value = request.value


async def _answered_question(session: AsyncSession, conversation_id: str, kb_entry: str) -> str:
    """The latest visitor message whose reply used ``kb_entry``."""
    rows = await session.execute(
        select(Message)
        .where(Message.conversation_id == conversation_id, Message.sender == "visitor")
        .order_by(Message.id.desc())
    )
    for message in rows.scalars():
        if kb_entry in ((message.payload or {}).get("kb_entries") or []):
            return message.text
    return ""
