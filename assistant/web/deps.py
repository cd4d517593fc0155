"""Route dependencies as ``Annotated`` aliases: the one route from a request to the app's
services (``app.state.services``), the staff session, the signed-in staff member, their role
and the CSRF check. A route reads ``async def claim_case(case_id: int, staff: AgentStaff,
cases: CasesDep)``; 401/403 come from here as domain errors (``assistant.web.errors``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases.service import CaseService
from assistant.chat.limits import AbuseLimits
from assistant.chat.service import ChatService
from assistant.core.config import Settings
from assistant.db.models import Staff
from assistant.events import Notifier
from assistant.inbox.service import InboxService
from assistant.insights.service import InsightsService
from assistant.kb.retriever import Retriever
from assistant.kb.store import KnowledgeBaseStore
from assistant.privacy.access_log import AccessLog
from assistant.privacy.incidents import IncidentRegister
from assistant.privacy.rasa_trackers import RasaTrackers
from assistant.privacy.rights_changes import RightsService
from assistant.services import Services
from assistant.staff.accounts import AccountService
from assistant.staff.auth import NotSignedIn, active_staff
from assistant.staff.roles import ROLES, Role, RoleForbidden, has_role
from assistant.staff.session import SessionStore, StaffSession
from assistant.web import client_address as addresses
from assistant.web.staff.case_views import CaseViews
from assistant.web.staff.cookies import cookie_name
from assistant.web.staff.csrf import CsrfRejected, submitted_token, tokens_match


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings(services: ServicesDep) -> Settings:
    return services.settings


def get_sessions(services: ServicesDep) -> async_sessionmaker[AsyncSession]:
    return services.sessions


def get_chat(services: ServicesDep) -> ChatService:
    return services.chat


def get_cases(services: ServicesDep) -> CaseService:
    return services.cases


def get_case_views(services: ServicesDep) -> CaseViews:
    return CaseViews(services.cases, services.sessions, services.settings.bureau_timezone)


def get_kb_store(services: ServicesDep) -> KnowledgeBaseStore:
    return services.kb_store


def get_retriever(services: ServicesDep) -> Retriever | None:
    return services.retriever


def get_inbox(services: ServicesDep) -> InboxService:
    return services.inbox


def get_insights(services: ServicesDep) -> InsightsService:
    return services.insights


def get_rights(services: ServicesDep) -> RightsService:
    settings = services.settings
    access_log = AccessLog(services.sessions)  # the console's exports are logged there too
    trackers = RasaTrackers.from_settings(settings)
    return RightsService(
        services.sessions, services.engine, settings.mail_sink_dir, access_log, trackers
    )


def get_notifier(services: ServicesDep) -> Notifier:
    return services.notifier


def get_limits(services: ServicesDep) -> AbuseLimits:
    return services.limits


def get_access_log(services: ServicesDep) -> AccessLog:
    return AccessLog(services.sessions)


def get_incidents(services: ServicesDep) -> IncidentRegister:
    return IncidentRegister(services.sessions)


def get_session_store(services: ServicesDep) -> SessionStore:
    return SessionStore(services.sessions, services.settings)


def get_accounts(services: ServicesDep) -> AccountService:
    return AccountService(services.sessions, services.settings)


def client_address(request: Request) -> str | None:
    """The client's address, for the abuse limits and the sign-in throttling: the direct peer,
    or ``X-Forwarded-For`` read behind ``trusted_proxies`` only (``web/client_address.py``)."""
    peer = request.client.host if request.client else None
    trusted = get_services(request).settings.trusted_proxies
    return addresses.client_address(peer, request.headers.get("x-forwarded-for"), trusted)


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionsDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessions)]
ChatDep = Annotated[ChatService, Depends(get_chat)]
CasesDep = Annotated[CaseService, Depends(get_cases)]
CaseViewsDep = Annotated[CaseViews, Depends(get_case_views)]  # the console's queue and cases
KBStoreDep = Annotated[KnowledgeBaseStore, Depends(get_kb_store)]
RetrieverDep = Annotated[Retriever | None, Depends(get_retriever)]  # None while the KB loads
InboxDep = Annotated[InboxService, Depends(get_inbox)]
InsightsDep = Annotated[InsightsService, Depends(get_insights)]  # aggregates, the digest
RightsDep = Annotated[RightsService, Depends(get_rights)]  # a person's rights (privacy)
LimitsDep = Annotated[AbuseLimits, Depends(get_limits)]  # the public chat's abuse limits
NotifierDep = Annotated[Notifier, Depends(get_notifier)]  # wakes live streams (assistant/events)
AccessLogDep = Annotated[AccessLog, Depends(get_access_log)]  # who viewed or exported what
IncidentsDep = Annotated[IncidentRegister, Depends(get_incidents)]  # confidentiality incidents
SessionStoreDep = Annotated[SessionStore, Depends(get_session_store)]  # staff sessions
AccountsDep = Annotated[AccountService, Depends(get_accounts)]  # staff accounts
ClientAddress = Annotated[str | None, Depends(client_address)]


# --- Staff console: session, staff member, role, CSRF ---------------------------------------
async def read_session(
    request: Request, settings: SettingsDep, store: SessionStoreDep
) -> StaffSession | None:
    """The request's live staff session, if any (its cookie's id names a row in the database
    that has not ended nor expired)."""
    value = request.cookies.get(cookie_name(settings))
    return await store.read(value) if value else None


OptionalSession = Annotated[StaffSession | None, Depends(read_session)]


async def current_session(session: OptionalSession) -> StaffSession:
    """The staff session, or 401."""
    if session is None:
        raise NotSignedIn()
    return session


StaffSessionDep = Annotated[StaffSession, Depends(current_session)]  # 401 without a session


async def current_staff(session: StaffSessionDep, sessions: SessionsDep) -> Staff:
    """The signed-in, active staff member, or 401."""
    staff = await active_staff(sessions, session.staff_id)
    if staff is None:
        raise NotSignedIn()
    return staff


CurrentStaff = Annotated[Staff, Depends(current_staff)]  # 401 unless signed in and active


@lru_cache
def require_role(role: Role) -> Callable[..., Awaitable[Staff]]:
    """A dependency: the signed-in staff member (401 if none) holding at least ``role`` (403).
    Cached, so FastAPI sees one dependency per role and resolves it once per request."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    async def dependency(staff: CurrentStaff) -> Staff:
        if not has_role(staff, role):
            raise RoleForbidden()
        return staff

    dependency.__name__ = f"require_{role}"
    return dependency


async def require_csrf(request: Request, session: StaffSessionDep) -> StaffSession:
    """401 without a session, 403 without this session's CSRF token."""
    if not tokens_match(session.csrf_token, await submitted_token(request)):
        raise CsrfRejected()
    return session


AgentStaff = Annotated[Staff, Depends(require_role("agent"))]  # + 403 below the agent role
EditorStaff = Annotated[Staff, Depends(require_role("editor"))]  # the KB editor: 403 for agents
CsrfChecked = Annotated[StaffSession, Depends(require_csrf)]  # + 403 without the CSRF token
