"""The knowledge-base editor's JSON models (``/api/staff/kb``). Entries travel in the shape of
their YAML file (kb/README.md); a draft may be partial."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class EntrySummaryPublic(BaseModel):
    id: str
    status: Literal["published", "draft", "retired"]
    has_draft: bool
    version: int | None = Field(description="The current version (also when retired).")
    topic: str | None
    title_fr: str
    title_en: str
    languages: list[str] = Field(description="The languages the entry has content in.")
    review_date: date | None
    review: Literal["overdue", "soon", "ok"] | None = Field(
        description="overdue: past its review date; soon: within 30 days."
    )
    updated_at: datetime
    editor_url: str


class EntryListPublic(BaseModel):
    entries: list[EntrySummaryPublic]


class EntryStatePublic(BaseModel):
    id: str
    status: Literal["published", "draft", "retired"]
    version: int | None
    current: dict[str, Any] | None = Field(description="The current version's entry.")
    draft: dict[str, Any] | None
    draft_updated_at: datetime | None
    draft_version: str = Field(
        description="Changes at every save and publish; send it back with the next save."
    )
    publish_problems: list[str] = Field(
        description="Why the draft cannot be published yet (empty: it can)."
    )
    editor_url: str


class DraftRequest(BaseModel):
    entry: dict[str, Any] = Field(description="The entry in its YAML shape; may be partial.")
    draft_version: str | None = Field(
        default=None,
        max_length=64,
        description="The entry's `draft_version` as read before editing: if another editor "
        "saved or published since, the save is refused (409 `kb_draft_conflict`). Omitted: "
        "no check (last save wins).",
    )


class CreatedDraftPublic(BaseModel):
    id: str
    editor_url: str


class PublishRequest(BaseModel):
    comment: str = Field(default="", max_length=500)


class QuestionRequest(BaseModel):
    language: Literal["fr", "en"]
    text: str = Field(min_length=1, max_length=500)


class RollbackRequest(BaseModel):
    version: int = Field(ge=1)


class VersionNumberPublic(BaseModel):
    id: str
    version: int


class VersionPublic(BaseModel):
    number: int
    staff_id: int | None
    staff_name: str | None
    comment: str
    created_at: datetime
    entry: dict[str, Any]


class VersionListPublic(BaseModel):
    versions: list[VersionPublic]


class WordChangePublic(BaseModel):
    kind: Literal["same", "removed", "added"]
    text: str


class FieldChangePublic(BaseModel):
    field: str
    language: Literal["fr", "en"] | None
    before: str
    after: str
    removed: list[str]
    added: list[str]
    words: list[WordChangePublic]


class DiffPublic(BaseModel):
    id: str
    from_version: int
    to_version: int
    changes: list[FieldChangePublic]


class AuditEventPublic(BaseModel):
    entry_id: str
    staff_id: int | None
    staff_name: str | None
    action: str
    version: int | None
    detail: str
    created_at: datetime


class AuditPublic(BaseModel):
    events: list[AuditEventPublic]


class PreviewRequest(BaseModel):
    question: str = Field(min_length=1, max_length=500)
    language: Literal["fr", "en"] = "fr"
    entry: dict[str, Any] | None = Field(
        default=None, description="A draft to try; default: the stored draft (else current)."
    )


class PreviewCandidatePublic(BaseModel):
    entry_id: str
    title: str
    score: float
    is_draft: bool


class PreviewPublic(BaseModel):
    kind: Literal["answer", "clarify", "none"]
    reply: str
    answered_by_draft: bool
    candidates: list[PreviewCandidatePublic]
