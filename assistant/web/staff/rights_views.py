"""View models of the privacy page: what is held about a person (counts per store, the cases'
references) and the audit of rights requests, labelled in the viewer's language."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.i18n import t
from assistant.db.rights_models import RightsAudit
from assistant.privacy.rights import Holdings
from assistant.privacy.rights_audit import REASONS
from assistant.web.staff.labels import known_label, time_label
from assistant.web.staff.urls import case_url


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class CaseLink:
    reference: str
    href: str


@dataclass(frozen=True)
class HeldPublic:
    """What is held, for the search form's hidden fields and the lists."""

    email: str
    reference: str
    empty: bool
    counts: list[CountRow]
    cases: list[CaseLink]


@dataclass(frozen=True)
class AuditRow:
    when: str
    who: str
    action: str
    searched_by: str
    reason: str
    what: str


def held_public(found: Holdings, language: str) -> HeldPublic:
    return HeldPublic(
        email=found.person.email or "",
        reference=found.person.reference or "",
        empty=found.empty,
        counts=[
            CountRow(t(f"staff.privacy.count.{store}", language), n)
            for store, n in found.counts().items()
        ],
        cases=[CaseLink(c.reference, case_url(c.id)) for c in found.cases],
    )


def reasons(language: str) -> list[tuple[str, str]]:
    return [(code, t(f"privacy.reason.{code}", language)) for code in REASONS]


def audit_rows(entries: list[RightsAudit], language: str, timezone: str) -> list[AuditRow]:
    rows = []
    for entry in entries:
        what = ", ".join(
            f"{key}: {', '.join(value) if isinstance(value, list) else value}"
            for key, value in entry.what.items()
        )
        who = (
            f"#{entry.staff_id}"
            if entry.staff_id is not None
            else t("staff.privacy.audit.cli", language)
        )
        rows.append(
            AuditRow(
                when=time_label(entry.created_at, timezone),
                who=who,
                action=entry.action,
                searched_by=entry.searched_by,
                reason=known_label(f"privacy.reason.{entry.reason}", entry.reason, language),
                what=what,
            )
        )
    return rows
