"""What the knowledge-base store returns to read: an entry's summary (the console's list), its
state (current version and draft), its versions and its audit events, and when it is due for
review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from assistant.kb.models import Entry

REVIEW_SOON_DAYS = 30  # entries due for review within this many days are flagged "soon"
ReviewState = Literal["overdue", "soon", "ok"]


def review_state(entry: Entry, today: date | None = None) -> ReviewState:
    today = today or date.today()
    if entry.review_date < today:
        return "overdue"
    if entry.review_date <= today + timedelta(days=REVIEW_SOON_DAYS):
        return "soon"
    return "ok"


@dataclass(frozen=True)
class EntrySummary:
    """One row of the console's KB list."""

    id: str
    status: Literal["published", "draft", "retired"]
    has_draft: bool
    version: int | None
    topic: str | None
    title_fr: str
    title_en: str
    languages: list[str]
    review_date: date | None
    review: ReviewState | None
    updated_at: datetime


@dataclass(frozen=True)
class EntryState:
    """An entry as the editor sees it: its current version (even if retired) and its draft."""

    id: str
    current_version: int | None
    current: dict[str, Any] | None
    retired: bool
    draft: dict[str, Any] | None
    draft_updated_at: datetime | None
    draft_version: str  # changes at every save and publish (rows.draft_version)

    @property
    def published(self) -> bool:
        return self.current is not None and not self.retired

    @property
    def working_copy(self) -> dict[str, Any]:
        """What the editor form shows: the draft, else the current version."""
        return self.draft or self.current or {"id": self.id}


@dataclass(frozen=True)
class VersionInfo:
    number: int
    staff_id: int | None
    comment: str
    created_at: datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class AuditInfo:
    entry_id: str
    staff_id: int | None
    action: str
    version: int | None
    detail: str
    created_at: datetime
