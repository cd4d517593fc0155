"""Where a chat turn is kept: the visitor's message as it arrives (so it survives Rasa being
down, and a retry finds it by its ``client_message_id``), then the reply. Two transactions a
turn, on the app's busiest path.

``TurnStore`` runs them through SQLAlchemy, on any database. On SQLite, the default,
``SqliteTurnStore`` (``sqlite_turns.py``) writes the same rows with each transaction as one call
in the connection's thread (``assistant/db/sqlite_thread.py``): at 20 conversations the two
transactions through SQLAlchemy waited 70–90 ms each at the median for the one connection
(README, "Chat API speed"). ``tests/chat/test_turn_store.py`` runs both against the same
expectations.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.chat.schemas import ChatRequest, ChatResponse
from assistant.core.errors import ConversationNotFound
from assistant.db.models import Conversation, Message


def new_conversation_id() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class OpenedTurn:
    """The visitor's message, stored, and what the turn needs of its conversation."""

    conversation_id: str
    status: str  # the conversation's: bot | handoff | closed
    language: str  # the conversation's
    message_id: int  # the visitor message's row
    stored_at: datetime  # when it was stored (a retry's first attempt, for recovery.py)
    retried: bool = False  # an earlier attempt stored this message, and no reply
    reply: dict[str, Any] | None = None  # the reply an earlier attempt stored: give it again


def bot_rows(reply: ChatResponse) -> list[dict[str, Any]]:
    """The reply's messages as rows of ``messages`` (their buttons in ``payload``)."""
    return [
        {
            "text": message.text,
            "outcome": reply.outcome,
            "payload": {"buttons": [b.model_dump() for b in message.buttons]},
        }
        for message in reply.messages
    ]


class TurnStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def open(self, request: ChatRequest) -> OpenedTurn:
        """The conversation (a new one when the request names none; ``ConversationNotFound``
        for an unknown one) with the visitor's message stored, or found stored by an earlier
        attempt (same ``client_message_id``)."""
        async with self._sessions() as session:
            conversation, message = await self._conversation(session, request)
            if message is not None and message.payload is not None:
                return _opened(conversation, message)
            if request.timezone:
                conversation.visitor_timezone = request.timezone
            retried = message is not None
            if message is None:
                message = Message(
                    conversation_id=conversation.id,
                    sender="visitor",
                    text=request.text,
                    client_message_id=request.client_message_id,
                )
                session.add(message)
            try:
                await session.flush()
            except IntegrityError:  # the same message stored by another process meanwhile
                await session.rollback()  # the loaded rows expire: read them again
                conversation, stored = await self._conversation(session, request)
                if stored is None or stored.payload is None:
                    raise  # a clean 409 (web/errors.py); the widget's retry gets the reply
                return _opened(conversation, stored)
            opened = _opened(conversation, message, retried=retried)
            await session.commit()
            return opened

    async def close(self, turn: OpenedTurn, reply: ChatResponse) -> None:
        """The reply: the bot's messages, the conversation's language, and on the visitor's
        message the whole reply (a retry gets it again) and its outcome (``assistant/insights``
        counts turns by it)."""
        async with self._sessions() as session:
            await session.execute(
                update(Conversation)
                .where(Conversation.id == turn.conversation_id)
                .where(Conversation.language != reply.language)
                .values(language=reply.language)
                .execution_options(synchronize_session=False)
            )
            session.add_all(
                Message(conversation_id=turn.conversation_id, sender="bot", **row)
                for row in bot_rows(reply)
            )
            await session.execute(
                update(Message)
                .where(Message.id == turn.message_id)
                .values(payload=reply.model_dump(), outcome=reply.outcome)
                .execution_options(synchronize_session=False)
            )
            await session.commit()

    async def _conversation(
        self, session: AsyncSession, request: ChatRequest
    ) -> tuple[Conversation, Message | None]:
        """The conversation and, in the same query, the visitor's message if an earlier
        attempt stored it. Without a ``client_message_id`` a plain get: the join would match
        every message with no id."""
        if request.conversation_id and request.client_message_id:
            query = (
                select(Conversation, Message)
                .outerjoin(
                    Message,
                    and_(
                        Message.conversation_id == Conversation.id,
                        Message.client_message_id == request.client_message_id,
                    ),
                )
                .where(Conversation.id == request.conversation_id)
            )
            found = (await session.execute(query)).first()
            if found is None:
                raise ConversationNotFound(request.conversation_id)
            return found[0], found[1]
        if request.conversation_id:
            conversation = await session.get(Conversation, request.conversation_id)
            if conversation is None:
                raise ConversationNotFound(request.conversation_id)
            return conversation, None
        conversation = Conversation(
            id=new_conversation_id(),
            language=request.language or "fr",
            status="bot",
            visitor_timezone=request.timezone,
        )
        session.add(conversation)
        return conversation, None


def _opened(conversation: Conversation, message: Message, *, retried: bool = False) -> OpenedTurn:
    return OpenedTurn(
        conversation_id=conversation.id,
        status=conversation.status or "bot",
        language=conversation.language or "fr",
        message_id=message.id,
        stored_at=message.created_at,
        retried=retried,
        reply=message.payload,
    )
