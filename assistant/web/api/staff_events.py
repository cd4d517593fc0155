"""The staff queue page's live updates (server-sent events): ``GET /api/staff/cases/events``.

Same session and role checks as ``GET /api/staff/cases``; each ``cases`` event tells the page
to read that list again (``assistant/web/static/staff-queue.js``).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.cases.queue_events import queue_events
from assistant.web.api.responses import staff_auth
from assistant.web.deps import AgentStaff, NotifierDep, StaffSessionDep

router = APIRouter(
    prefix="/api/staff", tags=["staff"], responses=staff_auth("Role too low (`role_forbidden`).")
)


@router.get(
    "/cases/events",
    summary="A `cases` event whenever a case is created or changes (server-sent events)",
    response_class=StreamingResponse,
)
async def stream_queue_events(
    session: StaffSessionDep, staff: AgentStaff, notifier: NotifierDep
) -> StreamingResponse:
    """No data in the events: on each one, read ``GET /api/staff/cases`` again. The stream
    ends after 5 minutes; EventSource reconnects, which checks the session again."""
    return StreamingResponse(
        queue_events(notifier),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
