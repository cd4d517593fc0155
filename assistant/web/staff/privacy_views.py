"""What admins see on the privacy pages, in their console language: access-log rows, the
incident list, an incident's form values and its history of changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.core.i18n import t
from assistant.db.incident_models import Incident
from assistant.privacy.access_log import AccessFilter, AccessRow
from assistant.privacy.incidents import FIELDS, HistoryEntry
from assistant.web.staff.labels import known_label, time_label

LONG_FIELDS = ("description", "information", "risk_assessment", "measures")
DATE_FIELDS = ("occurred_on", "discovered_on", "commission_notified_on", "people_notified_on")


@dataclass(frozen=True)
class AccessRowView:
    time: str
    staff: str
    action: str
    case_reference: str
    case_href: str | None
    subject: str


def access_rows(rows: list[AccessRow], language: str, timezone: str) -> list[AccessRowView]:
    return [
        AccessRowView(
            time=time_label(row.at, timezone),
            staff=row.staff_name,
            action=known_label(f"privacy.access.action.{row.action}", row.action, language),
            # no reference: the case was deleted on a person's request (case id only)
            case_reference=row.case_reference or (f"#{row.case_id}" if row.case_id else ""),
            case_href=f"/staff/cases/{row.case_id}" if row.case_id is not None else None,
            subject=row.subject or "",
        )
        for row in rows
    ]


def parse_filter(query: Mapping[str, str]) -> tuple[AccessFilter, bool]:
    """The filter from the page's query string, and whether a part of it had to be ignored."""
    ignored = False

    def day(name: str) -> date | None:
        nonlocal ignored
        value = query.get(name, "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            ignored = True
            return None

    staff = query.get("staff", "").strip()
    action = query.get("action", "").strip()
    if (staff and not staff.isdigit()) or action not in {"", "view_case", "export"}:
        ignored = True
    where = AccessFilter(
        staff_id=int(staff) if staff.isdigit() else None,
        action=action if action in {"view_case", "export"} else None,  # type: ignore[arg-type]
        case_reference=query.get("reference", "")[:32],
        since=day("since"),
        until=day("until"),
    )
    return where, ignored


def _shown(name: str, value: Any, language: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("privacy.yes" if value else "privacy.no", language)
    return str(value)


@dataclass(frozen=True)
class IncidentRowView:
    id: int
    href: str
    occurred_on: str
    description: str
    people: str
    serious: str
    commission: str
    people_notified: str


def incident_rows(incidents: list[Incident], language: str) -> list[IncidentRowView]:
    not_yet = t("privacy.incident.not_yet", language)
    return [
        IncidentRowView(
            id=incident.id,
            href=f"/staff/privacy/incidents/{incident.id}",
            occurred_on=incident.occurred_on.isoformat(),
            description=incident.description[:160],
            people=str(incident.people_count)
            if incident.people_count is not None
            else t("privacy.incident.unknown", language),
            serious=_shown("serious_injury_risk", incident.serious_injury_risk, language),
            commission=incident.commission_notified_on.isoformat()
            if incident.commission_notified_on
            else not_yet,
            people_notified=incident.people_notified_on.isoformat()
            if incident.people_notified_on
            else not_yet,
        )
        for incident in incidents
    ]


def form_values(incident: Incident | None) -> dict[str, str]:
    """The form's fields as strings (empty for a new incident)."""
    if incident is None:
        return {name: "" for name in FIELDS}
    values: dict[str, str] = {}
    for name in FIELDS:
        value = getattr(incident, name)
        if isinstance(value, bool):
            values[name] = "on" if value else ""
        elif isinstance(value, date):
            values[name] = value.isoformat()
        else:
            values[name] = "" if value is None else str(value)
    return values


@dataclass(frozen=True)
class ChangeView:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryView:
    heading: str
    changes: list[ChangeView]


def history_views(
    history: list[HistoryEntry], names: Mapping[int, str], language: str, timezone: str
) -> list[HistoryView]:
    """Newest first."""
    return [
        HistoryView(
            heading=t("privacy.incident.history_entry", language).format(
                time=time_label(entry.at, timezone), name=names.get(entry.staff_id, "?")
            ),
            changes=[
                ChangeView(
                    field=known_label(f"privacy.incident.field.{name}", name, language),
                    before=_shown(name, before, language),
                    after=_shown(name, after, language),
                )
                for name, (before, after) in entry.changes.items()
            ],
        )
        for entry in reversed(history)
    ]
