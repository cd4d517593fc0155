"""The console language: ``?lang=`` when given, else the session's, else French."""

from __future__ import annotations

from fastapi import Request

from assistant.core.i18n import LANGUAGES, Language
from assistant.staff.session import StaffSession


def requested_language(request: Request) -> Language | None:
    lang = request.query_params.get("lang")
    return next((language for language in LANGUAGES if language == lang), None)


def console_language(request: Request, session: StaffSession | None) -> Language:
    requested = requested_language(request)
    if requested is not None:
        return requested
    if session is not None and session.language == "en":
        return "en"
    return "fr"
