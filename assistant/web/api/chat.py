"""The public chat API (stable contract; see README "Public chat API")."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.chat.schemas import ChatRequest, ChatResponse, ErrorResponse
from assistant.web.deps import ChatDep

router = APIRouter(prefix="/api", tags=["chat"])


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={
        400: {"model": ErrorResponse, "description": "A button payload visitors may not send."},
        404: {"model": ErrorResponse, "description": "Unknown conversation: start a new one."},
        422: {"model": ErrorResponse, "description": "Empty, over-long or malformed input."},
        503: {
            "model": ErrorResponse,
            "description": "The assistant is loading or down. The message was stored; "
            "retry with the same client_message_id.",
        },
    },
    summary="Send a visitor message and get the assistant's reply",
)
async def post_chat(request: ChatRequest, chat: ChatDep) -> ChatResponse:
    """Send one visitor message. A missing or empty ``conversation_id`` starts a conversation.

    ``outcome`` is one of: answer, clarify, escalate, form, handoff, out_of_scope, fallback,
    smalltalk. ``kb_entries`` names the knowledge-base entries the reply used or offered.
    """
    return await chat.handle(request)


@router.get("/conversations/{conversation_id}", summary="The visitor's own transcript")
async def read_conversation(conversation_id: str, chat: ChatDep) -> dict[str, object]:
    """Only whoever holds the (unguessable) conversation id can read it."""
    return {"conversation_id": conversation_id, "messages": await chat.transcript(conversation_id)}
