"""Route dependencies as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.cases.service import CaseService
from assistant.chat.service import ChatService
from assistant.db.models import Staff
from assistant.services import Services
from assistant.staff.auth import current_session, current_staff
from assistant.staff.csrf import require_csrf
from assistant.staff.roles import require_role
from assistant.staff.session import StaffSession


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def get_chat(request: Request) -> ChatService:
    return get_services(request).chat


ServicesDep = Annotated[Services, Depends(get_services)]
ChatDep = Annotated[ChatService, Depends(get_chat)]


# --- Staff console (assistant/staff) -------------------------------------------------------
def get_cases(request: Request) -> CaseService:
    return get_services(request).cases


CasesDep = Annotated[CaseService, Depends(get_cases)]
StaffSessionDep = Annotated[StaffSession, Depends(current_session)]  # 401 without a session
CurrentStaff = Annotated[Staff, Depends(current_staff)]  # 401 unless signed in and active
AgentStaff = Annotated[Staff, Depends(require_role("agent"))]  # + 403 below the agent role
CsrfChecked = Annotated[StaffSession, Depends(require_csrf)]  # + 403 without the CSRF token
EditorStaff = Annotated[Staff, Depends(require_role("editor"))]  # the KB editor: 403 for agents
