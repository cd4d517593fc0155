"""The public FastAPI application: chat API, health, and the pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.services import Services
from assistant.web.api import (
    chat,
    demo,
    health,
    inbox_api,
    pages,
    privacy_page,
    staff_api,
    staff_events,
    staff_kb_api,
)
from assistant.web.body_limit import BodyLimit
from assistant.web.cors import WidgetCors
from assistant.web.errors import install_error_handlers
from assistant.web.security_headers import SecurityHeaders
from assistant.web.staff import (
    account_pages,
    accounts_pages,
    case_pages,
    inbox_pages,
    insights_pages,
    kb_pages,
    login_pages,
    privacy_pages,
    rights_pages,
)
from assistant.web.staff.page import install_page_handlers

STATIC_DIR = Path(__file__).parent / "static"

DESCRIPTION = """
Chat API of the international inquiries assistant of the **Bureau des relations
internationales de la Ville de Québec**. Visitors write in French or English; the reply comes
in their language with an `outcome` (answer, clarify, escalate, form, handoff, out_of_scope,
fallback, smalltalk) and the knowledge-base entries it used.
"""


def create_app(services: Services) -> FastAPI:
    app = FastAPI(
        title="Québec international inquiries assistant",
        description=DESCRIPTION,
        version="0.1.0",
    )
    app.state.services = services
    install_error_handlers(app)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(pages.router)
    app.include_router(demo.router)
    app.include_router(privacy_page.router)  # the public privacy notice
    # Staff console: pages (HTML errors and sign-in redirects) and its JSON API.
    app.include_router(login_pages.router)
    app.include_router(case_pages.router)
    # before staff_api: /api/staff/cases/events is not a case id
    app.include_router(staff_events.router)  # the queue page's live updates (assistant/events)
    app.include_router(staff_api.router)
    app.include_router(kb_pages.router)  # the knowledge-base editor
    app.include_router(staff_kb_api.router)
    app.include_router(inbox_pages.router)  # the KB review inbox (assistant/inbox)
    app.include_router(inbox_api.router)
    app.include_router(rights_pages.router)  # a person's rights (assistant/privacy)
    app.include_router(privacy_pages.router)  # access log, incident register
    app.include_router(insights_pages.router)  # aggregates and CSV (assistant/insights)
    app.include_router(accounts_pages.router)  # admins: staff accounts and their audit
    app.include_router(account_pages.router)  # one's own password; invitation links
    install_page_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Before any parsing; inside CORS so that the widget on another site can read the 413.
    app.add_middleware(BodyLimit, max_bytes=services.settings.max_body_bytes)
    app.add_middleware(WidgetCors, origins=services.settings.widget_origins)  # other sites

    app.add_middleware(SecurityHeaders, production=services.settings.environment == "production")
    return app
