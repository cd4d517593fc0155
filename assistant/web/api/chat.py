"""The public chat API (stable contract; see README "Public chat API")."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from assistant.chat.events import conversation_events
from assistant.chat.feedback import FeedbackRequest, record_feedback
from assistant.chat.schemas import ChatRequest, ChatResponse, ErrorResponse
from assistant.web.deps import (
    ChatDep,
    ClientAddress,
    LimitsDep,
    NotifierDep,
    SessionsDep,
    SettingsDep,
)

router = APIRouter(prefix="/api", tags=["chat"])


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={
        400: {"model": ErrorResponse, "description": "A button payload visitors may not send."},
        404: {"model": ErrorResponse, "description": "Unknown conversation: start a new one."},
        422: {"model": ErrorResponse, "description": "Empty, over-long or malformed input."},
        429: {
            "model": ErrorResponse,
            "description": "Too many messages or new conversations from this client or in "
            "this conversation; retry after the Retry-After header's seconds.",
        },
        503: {
            "model": ErrorResponse,
            "description": "The assistant is loading or down. The message was stored; "
            "retry with the same client_message_id.",
        },
    },
    summary="Send a visitor message and get the assistant's reply",
)
async def post_chat(request: ChatRequest, chat: ChatDep, client: ClientAddress) -> ChatResponse:
    """Send one visitor message. A missing or empty ``conversation_id`` starts a conversation.

    ``outcome`` is one of: answer, clarify, escalate, form, handoff, out_of_scope, fallback,
    smalltalk. ``kb_entries`` names the knowledge-base entries the reply used or offered.
    """
    return await chat.handle(request, client)


@router.get(
    "/conversations/{conversation_id}/events",
    summary="Live staff/system messages and handoff status (server-sent events)",
    response_class=StreamingResponse,
    responses={404: {"model": ErrorResponse}, 429: {"model": ErrorResponse}},
)
async def stream_conversation_events(
    conversation_id: str,
    sessions: SessionsDep,
    limits: LimitsDep,
    notifier: NotifierDep,
    settings: SettingsDep,
    client: ClientAddress,
    request: Request,
    after: int = 0,
) -> StreamingResponse:
    """Events: ``status`` ({"status": "bot"|"handoff"|"closed"}) and ``message`` ({"id",
    "sender": "staff"|"system", "text", "created_at"}). Resume with ``?after=<last id>`` or the
    ``Last-Event-ID`` header (EventSource does this by itself)."""
    await limits.event_stream(conversation_id, client)  # 429 over the limit
    start = _resume_from(request.headers.get("last-event-id", ""), after)
    events = conversation_events(
        sessions,
        conversation_id,
        start,
        changes=notifier,  # woken by each staff/system message or status change, any process
        poll_seconds=settings.events_fallback_seconds,
    )
    first = await anext(events)  # raises ConversationNotFound before the stream starts
    return StreamingResponse(
        _prepend(first, events),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


_LARGEST_ID = 2**31 - 1  # messages.id is an INTEGER: on PostgreSQL larger is an error (500)


def _resume_from(last_event_id: str, after: int) -> int:
    """The message id to resume after: the header if it is a plain number (``str.isdigit``
    also accepts "²", which ``int`` refuses), else ``after``; kept within a database integer."""
    last = last_event_id.strip()
    start = int(last) if last.isascii() and last.isdigit() else after
    return max(0, min(start, _LARGEST_ID))


async def _prepend(first: str, rest: AsyncIterator[str]) -> AsyncIterator[str]:
    yield first
    async for frame in rest:
        yield frame


@router.post(
    "/feedback",
    status_code=204,
    summary="A visitor's thumbs up or down on a knowledge-base answer",
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
async def post_feedback(request: FeedbackRequest, sessions: SessionsDep) -> Response:
    await record_feedback(sessions, request)
    return Response(status_code=204)


@router.get("/conversations/{conversation_id}", summary="The visitor's own transcript")
async def read_conversation(conversation_id: str, chat: ChatDep) -> dict[str, object]:
    """Only whoever holds the (unguessable) conversation id can read it."""
    return {"conversation_id": conversation_id, "messages": await chat.transcript(conversation_id)}
