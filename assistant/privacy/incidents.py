"""The register of confidentiality incidents (Regulation respecting confidentiality incidents,
Québec): each incident with its date, description, the personal information concerned, the
number of people, the assessment of the risk of serious injury, the notices given to the
Commission d'accès à l'information and to the people, and the measures taken. Every save keeps
a history entry (who, when, each field before and after); the register exports as CSV.

Admins only (the web layer checks the role). Errors: ``IncidentNotFound``, ``IncidentInvalid``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import AssistantError
from assistant.core.i18n import t
from assistant.db.clock import as_utc
from assistant.db.incident_models import Incident, IncidentChange

TEXT_MAX = 10_000
PEOPLE_MAX = 100_000_000


class IncidentNotFound(AssistantError):
    """No incident with this id."""

    code = "incident_not_found"


class IncidentInvalid(AssistantError):
    """The form is not a valid incident; ``problems`` names the fields (i18n keys)."""

    code = "incident_invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class IncidentFields:
    """What staff enter. Dates are calendar days; ``people_count`` None means unknown."""

    occurred_on: date
    discovered_on: date | None
    description: str
    information: str
    people_count: int | None
    risk_assessment: str
    serious_injury_risk: bool
    commission_notified_on: date | None
    people_notified_on: date | None
    measures: str

    @classmethod
    def of(cls, incident: Incident) -> IncidentFields:
        return cls(**{name: getattr(incident, name) for name in FIELDS})


FIELDS: tuple[str, ...] = tuple(field.name for field in fields(IncidentFields))
_DATES = ("occurred_on", "discovered_on", "commission_notified_on", "people_notified_on")
_REQUIRED_TEXT = ("description", "information")
_TEXT = ("description", "information", "risk_assessment", "measures")


def _date(value: str, name: str, problems: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"privacy.incident.invalid.{name}")
        return None


def parse_fields(form: Mapping[str, str]) -> IncidentFields:
    """A form's strings as incident fields; raises IncidentInvalid naming every bad field."""
    problems: list[str] = []
    dates = {name: _date(form.get(name, ""), name, problems) for name in _DATES}
    if dates["occurred_on"] is None and "privacy.incident.invalid.occurred_on" not in problems:
        problems.append("privacy.incident.invalid.occurred_on")
    texts = {name: form.get(name, "").strip() for name in _TEXT}
    for name in _TEXT:
        if len(texts[name]) > TEXT_MAX or (name in _REQUIRED_TEXT and not texts[name]):
            problems.append(f"privacy.incident.invalid.{name}")
    count_text = form.get("people_count", "").strip()
    people: int | None = None
    if count_text:
        if count_text.isdigit() and int(count_text) <= PEOPLE_MAX:
            people = int(count_text)
        else:
            problems.append("privacy.incident.invalid.people_count")
    if problems:
        raise IncidentInvalid(problems)
    assert dates["occurred_on"] is not None
    return IncidentFields(
        occurred_on=dates["occurred_on"],
        discovered_on=dates["discovered_on"],
        description=texts["description"],
        information=texts["information"],
        people_count=people,
        risk_assessment=texts["risk_assessment"],
        serious_injury_risk=form.get("serious_injury_risk", "") in {"on", "true", "1", "yes"},
        commission_notified_on=dates["commission_notified_on"],
        people_notified_on=dates["people_notified_on"],
        measures=texts["measures"],
    )


def _plain(value: Any) -> Any:
    """A field's value as JSON (dates as ISO strings)."""
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    staff_id: int
    changes: dict[str, list[Any]]  # field -> [before, after]


class IncidentRegister:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, staff_id: int, values: IncidentFields) -> Incident:
        """A new incident and its first history entry (every field, ``before`` null)."""
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            incident = Incident(
                **asdict(values), created_by=staff_id, created_at=now, updated_at=now
            )
            session.add(incident)
            await session.flush()
            changes = {name: [None, _plain(getattr(values, name))] for name in FIELDS}
            session.add(
                IncidentChange(incident_id=incident.id, staff_id=staff_id, at=now, changes=changes)
            )
        return incident

    async def update(self, incident_id: int, staff_id: int, values: IncidentFields) -> bool:
        """Saves the changed fields with a history entry; False (and no entry) if none changed.
        Raises IncidentNotFound."""
        now = datetime.now(UTC)
        async with self._sessions() as session, session.begin():
            incident = await session.get(Incident, incident_id)
            if incident is None:
                raise IncidentNotFound()
            changes: dict[str, list[Any]] = {}
            for name in FIELDS:
                before, after = getattr(incident, name), getattr(values, name)
                if before != after:
                    changes[name] = [_plain(before), _plain(after)]
                    setattr(incident, name, after)
            if not changes:
                return False
            incident.updated_at = now
            session.add(
                IncidentChange(incident_id=incident_id, staff_id=staff_id, at=now, changes=changes)
            )
        return True

    async def get(self, incident_id: int) -> Incident:
        async with self._sessions() as session:
            incident = await session.get(Incident, incident_id)
        if incident is None:
            raise IncidentNotFound()
        return incident

    async def all(self) -> list[Incident]:
        """Most recent incident first."""
        query = select(Incident).order_by(Incident.occurred_on.desc(), Incident.id.desc())
        async with self._sessions() as session:
            return list((await session.execute(query)).scalars())

    async def history(self, incident_id: int) -> list[HistoryEntry]:
        """Oldest change first."""
        query = (
            select(IncidentChange)
            .where(IncidentChange.incident_id == incident_id)
            .order_by(IncidentChange.id)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).scalars()
            return [HistoryEntry(as_utc(row.at), row.staff_id, row.changes) for row in rows]


# --- CSV export ---------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, language: str) -> str:
    """Text as typed, dates ISO, booleans as words; a cell a spreadsheet would read as a
    formula is prefixed with an apostrophe (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("privacy.yes" if value else "privacy.no", language)
    text = _plain(value) if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def incidents_csv(incidents: list[Incident], language: str) -> str:
    """The register as CSV (UTF-8 with a BOM, so spreadsheets read the accents), column titles
    in ``language``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            *(t(f"privacy.incident.field.{name}", language) for name in FIELDS),
            t("privacy.incident.updated_at", language),
        ]
    )
    for incident in incidents:
        writer.writerow(
            [
                incident.id,
                *(_cell(getattr(incident, name), language) for name in FIELDS),
                as_utc(incident.updated_at).isoformat(timespec="seconds"),
            ]
        )
    return "\ufeff" + out.getvalue()
