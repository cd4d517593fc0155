"""The public privacy notice page: ``/confidentialite`` in French, ``/privacy`` in English
(content: ``assistant/privacy/notice.py``), linked from the widget and the consent step."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from assistant.core.i18n import t
from assistant.privacy.notice import PATHS, build_notice
from assistant.web.deps import SettingsDep

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")


def _page(request: Request, settings: SettingsDep, language: str) -> HTMLResponse:
    other = "en" if language == "fr" else "fr"
    return templates.TemplateResponse(
        request,
        "privacy.html",
        {
            "lang": language,
            "notice": build_notice(settings, language),
            "officer_email": settings.privacy_officer_email,
            "other_lang": other,
            "other_href": PATHS[other],
            "other_name": "English" if other == "en" else "Français",
            "home_href": "/?lang=en" if language == "en" else "/",
            "back": t("privacy.page.back", language),
        },
    )


@router.get("/confidentialite", response_class=HTMLResponse)
async def read_privacy_notice_fr(request: Request, settings: SettingsDep) -> HTMLResponse:
    return _page(request, settings, "fr")


@router.get("/privacy", response_class=HTMLResponse)
async def read_privacy_notice_en(request: Request, settings: SettingsDep) -> HTMLResponse:
    return _page(request, settings, "en")
