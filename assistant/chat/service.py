"""One visitor turn: store the message, ask Rasa (unless staff own the conversation), store
and return the reply. Idempotent on ``client_message_id``."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.chat.limits import AbuseLimits
from assistant.chat.payloads import text_for_rasa
from assistant.chat.rasa_client import RasaClient, RasaTurn
from assistant.chat.recovery import TurnRecovery
from assistant.chat.schemas import ChatRequest, ChatResponse
from assistant.chat.turn_locks import TurnLocks
from assistant.core.errors import AssistantUnavailable, ConversationNotFound
from assistant.core.i18n import t
from assistant.db.models import Conversation, Message


def new_conversation_id() -> str:
    return secrets.token_urlsafe(18)


class ChatService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        rasa: RasaClient,
        limits: AbuseLimits | None = None,
        recovery: TurnRecovery | None = None,
    ) -> None:
        self._sessions = sessions
        self._rasa = rasa
        self._recovery = recovery  # a retried message's turn already in Rasa's tracker store
        self._limits = limits  # the app always has them; None: unlimited (unit tests)
        self._turn_locks = TurnLocks()

    async def handle(self, request: ChatRequest, client: str | None = None) -> ChatResponse:
        """``client``: the sender's address, for the abuse limits (``RateLimited`` over one)."""
        for_rasa = text_for_rasa(request.text)  # InvalidPayload before anything is stored
        if self._limits is not None:
            await self._limits.message(request.conversation_id, client, request.language)
        if request.conversation_id and request.client_message_id:
            async with self._turn_locks.hold(request.conversation_id, request.client_message_id):
                return await self._turn(request, for_rasa, client)
        return await self._turn(request, for_rasa, client)

    async def _turn(self, request: ChatRequest, for_rasa: str, client: str | None) -> ChatResponse:
        async with self._sessions() as session:
            conversation, visitor_message = await self._conversation(session, request)
            if visitor_message is not None and visitor_message.payload is not None:
                return ChatResponse.model_validate(visitor_message.payload)
            if request.timezone:
                conversation.visitor_timezone = request.timezone
            retried = visitor_message is not None  # an earlier attempt stored it, no reply
            if visitor_message is None:
                visitor_message = Message(
                    conversation_id=conversation.id,
                    sender="visitor",
                    text=request.text,
                    client_message_id=request.client_message_id,
                )
                session.add(visitor_message)
            # The visitor's message is kept even if Rasa cannot answer now.
            conversation_id = conversation.id  # a rollback expires the loaded rows
            try:
                await session.commit()
            except IntegrityError:  # the same message stored by another process meanwhile
                await session.rollback()
                stored = await self._previous(session, conversation_id, request)
                if stored is None or stored.payload is None:
                    raise  # a clean 409 (web/errors.py); the widget's retry gets the reply
                return ChatResponse.model_validate(stored.payload)
            if self._limits is not None:  # after the commit: no wait on a counter's store in it
                started = not request.conversation_id
                await self._limits.remember(conversation.id, client, started=started)

            if conversation.status == "handoff":
                reply = ChatResponse(
                    conversation_id=conversation.id,
                    language=_language(conversation.language),
                    outcome="handoff",
                )
            else:
                # The widget's language, else the conversation's once it has one; a first
                # message with neither follows its own best detected language.
                started = bool(request.conversation_id)
                hint = request.language or (conversation.language if started else None)
                try:
                    turn = await self._ask_rasa(
                        visitor_message, request, for_rasa, hint, retried=retried
                    )
                except AssistantUnavailable as error:
                    raise AssistantUnavailable(
                        str(error),
                        conversation_id=conversation.id,
                        language=hint or conversation.language,
                    ) from error
                language = _language(turn.language or hint or conversation.language)
                if not turn.messages:  # e.g. an action failed: never leave the visitor hanging
                    turn.messages = [{"text": t("no_reply", language), "buttons": []}]
                    turn.outcome = "fallback"
                reply = ChatResponse(
                    conversation_id=conversation.id,
                    language=language,
                    outcome=turn.outcome or "fallback",  # type: ignore[arg-type]
                    kb_entries=turn.kb_entries,
                    messages=turn.messages,  # type: ignore[arg-type]
                )
                conversation.language = language
                for message in reply.messages:
                    session.add(
                        Message(
                            conversation_id=conversation.id,
                            sender="bot",
                            text=message.text,
                            outcome=reply.outcome,
                            payload={"buttons": [b.model_dump() for b in message.buttons]},
                        )
                    )
            visitor_message.payload = reply.model_dump()
            visitor_message.outcome = reply.outcome  # the turn's, counted by assistant/insights
            await session.commit()
            return reply

    async def _ask_rasa(
        self,
        visitor_message: Message,
        request: ChatRequest,
        for_rasa: str,
        hint: str | None,
        *,
        retried: bool,
    ) -> RasaTurn:
        """Rasa's turn; for a retry, the one Rasa already completed if it did
        (``chat/recovery.py``), so that Rasa never runs one message twice."""
        conversation_id, message_id = visitor_message.conversation_id, request.client_message_id
        if retried and message_id and self._recovery is not None:
            done = await self._recovery.completed(
                conversation_id, message_id, visitor_message.created_at
            )
            if done is not None:
                return done
        return await self._rasa.send(
            conversation_id,
            for_rasa,
            hint,
            page_language=request.language,
            message_id=message_id,
            retry=retried,
        )

    async def _conversation(
        self, session: AsyncSession, request: ChatRequest
    ) -> tuple[Conversation, Message | None]:
        """The conversation (a new one when the request names none) and, in the same query,
        the visitor's message if an earlier attempt stored it (same ``client_message_id``)."""
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
            id=new_conversation_id(), language=request.language or "fr", status="bot"
        )
        session.add(conversation)
        await session.flush()
        return conversation, None

    async def _previous(
        self, session: AsyncSession, conversation_id: str, request: ChatRequest
    ) -> Message | None:
        if not request.client_message_id:
            return None
        result = await session.execute(
            select(Message).where(
                Message.conversation_id == conversation_id,
                Message.client_message_id == request.client_message_id,
            )
        )
        return result.scalar_one_or_none()

    async def transcript(self, conversation_id: str) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            conversation = await session.get(Conversation, conversation_id)
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            result = await session.execute(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.id)
            )
            lines: list[dict[str, Any]] = []
            turn: dict[str, Any] = {}  # the reply the latest visitor message got
            for m in result.scalars():
                if m.sender == "visitor":
                    turn = m.payload or {}
                line: dict[str, Any] = {
                    "id": m.id,
                    "sender": m.sender,
                    "text": m.text,
                    "created_at": m.created_at.isoformat(),
                    "buttons": (m.payload or {}).get("buttons", [])
                    if m.sender != "visitor"
                    else [],
                }
                # So the widget can restore each message's lang attribute and its thumbs.
                if m.sender in ("visitor", "bot") and turn.get("language"):
                    line["language"] = turn["language"]
                if m.sender == "bot":
                    line["outcome"] = m.outcome
                    line["kb_entries"] = list(turn.get("kb_entries") or [])
                lines.append(line)
            return lines


def _language(value: str | None) -> Any:
    return "en" if value == "en" else "fr"
