"""One visitor turn: store the message, ask Rasa (unless staff own the conversation), store
and return the reply. Idempotent on ``client_message_id``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.chat.limits import AbuseLimits
from assistant.chat.payloads import text_for_rasa
from assistant.chat.rasa_client import RasaClient, RasaTurn
from assistant.chat.recovery import TurnRecovery
from assistant.chat.schemas import ChatRequest, ChatResponse
from assistant.chat.turn_locks import TurnLocks
from assistant.chat.turn_store import OpenedTurn, TurnStore
from assistant.core.errors import AssistantUnavailable, ConversationNotFound
from assistant.core.i18n import t
from assistant.db.models import Conversation, Message


class ChatService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        rasa: RasaClient,
        limits: AbuseLimits | None = None,
        recovery: TurnRecovery | None = None,
        store: TurnStore | None = None,
    ) -> None:
        self._sessions = sessions
        self._rasa = rasa
        self._recovery = recovery  # a retried message's turn already in Rasa's tracker store
        self._limits = limits  # the app always has them; None: unlimited (unit tests)
        self._store = store or TurnStore(sessions)  # services.py: its database's own
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
        # The visitor's message is kept even if Rasa cannot answer now.
        turn = await self._store.open(request)
        if turn.reply is not None:
            return ChatResponse.model_validate(turn.reply)
        if self._limits is not None:  # after the commit: no wait on a counter's store in it
            started = not request.conversation_id
            await self._limits.remember(turn.conversation_id, client, started=started)
        if turn.status == "handoff":
            reply = ChatResponse(
                conversation_id=turn.conversation_id,
                language=_language(turn.language),
                outcome="handoff",
            )
        else:
            # The widget's language, else the conversation's once it has one; a first
            # message with neither follows its own best detected language.
            hint = request.language or (turn.language if request.conversation_id else None)
            try:
                answered = await self._ask_rasa(turn, request, for_rasa, hint)
            except AssistantUnavailable as error:
                raise AssistantUnavailable(
                    str(error),
                    conversation_id=turn.conversation_id,
                    language=hint or turn.language,
                ) from error
            language = _language(answered.language or hint or turn.language)
            if not answered.messages:  # e.g. an action failed: never leave the visitor hanging
                answered.messages = [{"text": t("no_reply", language), "buttons": []}]
                answered.outcome = "fallback"
            reply = ChatResponse(
                conversation_id=turn.conversation_id,
                language=language,
                outcome=answered.outcome or "fallback",  # type: ignore[arg-type]
                kb_entries=answered.kb_entries,
                messages=answered.messages,  # type: ignore[arg-type]
            )
        await self._store.close(turn, reply)
        return reply

    async def _ask_rasa(
        self, turn: OpenedTurn, request: ChatRequest, for_rasa: str, hint: str | None
    ) -> RasaTurn:
        """Rasa's turn; for a retry, the one Rasa already completed if it did
        (``chat/recovery.py``), so that Rasa never runs one message twice."""
        message_id = request.client_message_id
        if turn.retried and message_id and self._recovery is not None:
            done = await self._recovery.completed(turn.conversation_id, message_id, turn.stored_at)
            if done is not None:
                return done
        return await self._rasa.send(
            turn.conversation_id,
            for_rasa,
            hint,
            page_language=request.language,
            message_id=message_id,
            retry=turn.retried,
        )

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
