"""The staff console's privacy pages: the access log (who viewed or exported which case,
filtered) and the register of confidentiality incidents (record, edit with a history of
changes, CSV export — the export itself is logged). Only the roles in ASSISTANT_PRIVACY_ROLES
(admin by default) see them, as for a person's rights (``page.privacy_allowed``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.core.i18n import t
from assistant.db.incident_models import Incident
from assistant.privacy.access_log import MAX_ROWS
from assistant.privacy.incidents import (
    IncidentInvalid,
    IncidentNotFound,
    incidents_csv,
    parse_fields,
)
from assistant.staff.service import staff_names
from assistant.web.deps import AccessLogDep, IncidentsDep, SessionsDep, SettingsDep
from assistant.web.staff.page import (
    PageError,
    PrivacyFormViewerDep,
    PrivacyViewerDep,
    Viewer,
    flash,
    redirect,
    render,
)
from assistant.web.staff.privacy_views import (
    DATE_FIELDS,
    LONG_FIELDS,
    HistoryView,
    access_rows,
    form_values,
    history_views,
    incident_rows,
    parse_filter,
)

router = APIRouter(prefix="/staff/privacy", include_in_schema=False)
INCIDENTS = "/staff/privacy/incidents"
NOTICES = {
    "recorded": "privacy.incident.notice.recorded",
    "saved": "privacy.incident.notice.saved",
    "unchanged": "privacy.incident.notice.unchanged",
}


# --- access log -------------------------------------------------------------------------------
@router.get("/access", response_class=HTMLResponse)
async def read_access_log(
    request: Request, viewer: PrivacyViewerDep, access_log: AccessLogDep, settings: SettingsDep
) -> Response:
    where, ignored = parse_filter(request.query_params)
    rows = await access_log.entries(where)
    context = {
        "title": t("privacy.access.title", viewer.language),
        "rows": access_rows(rows, viewer.language, settings.bureau_timezone),
        "truncated": len(rows) >= MAX_ROWS,
        "max_rows": MAX_ROWS,
        "bad_filter": ignored,
        "staff_members": await access_log.staff_members(),
        "query": {
            "staff": str(where.staff_id or ""),
            "action": where.action or "",
            "reference": where.case_reference,
            "since": where.since.isoformat() if where.since else "",
            "until": where.until.isoformat() if where.until else "",
        },
    }
    return render(request, "access_log.html", viewer.language, context, viewer=viewer)


# --- incident register --------------------------------------------------------------------------
@router.get("/incidents", response_class=HTMLResponse)
async def read_incidents(
    request: Request, viewer: PrivacyViewerDep, incidents: IncidentsDep
) -> Response:
    context = {
        "title": t("privacy.incident.list_title", viewer.language),
        "incidents": incident_rows(await incidents.all(), viewer.language),
        **flash(request, NOTICES, {}),
    }
    return render(request, "incident_list.html", viewer.language, context, viewer=viewer)


@router.get("/incidents.csv")
async def export_incidents(
    viewer: PrivacyViewerDep, incidents: IncidentsDep, access_log: AccessLogDep
) -> Response:
    content = incidents_csv(await incidents.all(), viewer.language)
    await access_log.exported(viewer.staff.id, "incidents.csv")
    return Response(
        content.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="incidents.csv"'},
    )


async def _form_page(
    request: Request,
    viewer: Viewer,
    *,
    incident: Incident | None,
    values: dict[str, str],
    problems: list[str] | None = None,
    history: list[HistoryView] | None = None,
) -> Response:
    language = viewer.language
    title = (
        t("privacy.incident.number", language).format(id=incident.id)
        if incident is not None
        else t("privacy.incident.new", language)
    )
    context = {
        "title": title,
        "incident": incident,
        "action": f"{INCIDENTS}/{incident.id}" if incident is not None else INCIDENTS,
        "values": values,
        "problems": problems or [],
        "history": history or [],
        "long_fields": LONG_FIELDS,
        "date_fields": DATE_FIELDS,
        **flash(request, NOTICES, {}),
    }
    status = 422 if problems else 200
    return render(request, "incident_form.html", language, context, viewer=viewer, status=status)


async def _submitted(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


@router.get("/incidents/new", response_class=HTMLResponse)
async def new_incident_page(request: Request, viewer: PrivacyViewerDep) -> Response:
    return await _form_page(request, viewer, incident=None, values=form_values(None))


@router.post("/incidents")
async def record_incident(
    request: Request, viewer: PrivacyFormViewerDep, incidents: IncidentsDep
) -> Response:
    submitted = await _submitted(request)
    try:
        fields = parse_fields(submitted)
    except IncidentInvalid as error:
        return await _form_page(
            request, viewer, incident=None, values=submitted, problems=error.problems
        )
    incident = await incidents.record(viewer.staff.id, fields)
    return redirect(f"{INCIDENTS}/{incident.id}", notice="recorded")


async def _incident(incidents: IncidentsDep, incident_id: int, viewer: Viewer) -> Incident:
    try:
        return await incidents.get(incident_id)
    except IncidentNotFound as error:
        raise PageError(404, error.code, viewer.language) from error


async def _history(
    incidents: IncidentsDep, sessions: SessionsDep, incident_id: int, viewer: Viewer, timezone: str
) -> list[HistoryView]:
    history = await incidents.history(incident_id)
    names = await staff_names(sessions, (entry.staff_id for entry in history))
    return history_views(history, names, viewer.language, timezone)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
async def read_incident(
    incident_id: int,
    request: Request,
    viewer: PrivacyViewerDep,
    incidents: IncidentsDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> Response:
    incident = await _incident(incidents, incident_id, viewer)
    history = await _history(incidents, sessions, incident_id, viewer, settings.bureau_timezone)
    return await _form_page(
        request, viewer, incident=incident, values=form_values(incident), history=history
    )


@router.post("/incidents/{incident_id}")
async def update_incident(
    incident_id: int,
    request: Request,
    viewer: PrivacyFormViewerDep,
    incidents: IncidentsDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> Response:
    incident = await _incident(incidents, incident_id, viewer)
    submitted = await _submitted(request)
    try:
        fields = parse_fields(submitted)
    except IncidentInvalid as error:
        history = await _history(incidents, sessions, incident_id, viewer, settings.bureau_timezone)
        return await _form_page(
            request,
            viewer,
            incident=incident,
            values=submitted,
            problems=error.problems,
            history=history,
        )
    changed = await incidents.update(incident_id, viewer.staff.id, fields)
    return redirect(f"{INCIDENTS}/{incident_id}", notice="saved" if changed else "unchanged")
