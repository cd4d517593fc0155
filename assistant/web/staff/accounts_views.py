"""What the account pages show: each account with its labels and the actions offered, and the
audit records in words (``assistant/web/staff/accounts_pages.py`` renders them)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.i18n import Language, t
from assistant.db.models import Staff
from assistant.staff.audit import AuditRecord
from assistant.staff.passwords import UNUSABLE
from assistant.staff.roles import ROLES
from assistant.web.staff.labels import known_label, time_label


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    email: str
    role: str
    role_label: str
    status: str  # active | invited | disabled
    status_label: str
    is_viewer: bool


@dataclass(frozen=True)
class AuditRow:
    when: str
    who: str
    account: str
    what: str


def role_choices(language: Language) -> list[tuple[str, str]]:
    return [(role, t(f"accounts.role.{role}", language)) for role in ROLES]


def _status(staff: Staff) -> str:
    if not staff.active:
        return "disabled"
    return "invited" if staff.password_hash == UNUSABLE else "active"


def account_rows(accounts: list[Staff], viewer: Staff, language: Language) -> list[AccountRow]:
    return [
        AccountRow(
            id=staff.id,
            name=staff.name,
            email=staff.email,
            role=staff.role,
            role_label=t(f"accounts.role.{staff.role}", language),
            status=_status(staff),
            status_label=t(f"accounts.status.{_status(staff)}", language),
            is_viewer=staff.id == viewer.id,
        )
        for staff in accounts
    ]


def audit_rows(records: list[AuditRecord], timezone: str, language: Language) -> list[AuditRow]:
    def what(record: AuditRecord) -> str:
        detail = record.detail
        if record.action in ("created", "role_changed"):
            detail = known_label(f"accounts.role.{detail}", detail, language)
        return t(f"accounts.action.{record.action}", language).format(detail=detail)

    return [
        AuditRow(
            when=time_label(record.at, timezone),
            who=record.actor or t("accounts.command_line", language),
            account=record.account,
            what=what(record),
        )
        for record in records
    ]
