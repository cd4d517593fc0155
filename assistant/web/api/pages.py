"""The minimal chat page (the embeddable widget has its own issue)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from assistant.core.i18n import t

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")


@router.get("/", response_class=HTMLResponse)
async def chat_page(request: Request, lang: str = "fr") -> HTMLResponse:
    language = "en" if lang == "en" else "fr"
    return templates.TemplateResponse(
        request, "chat.html", {"lang": language, "title": t("page_title", language)}
    )
