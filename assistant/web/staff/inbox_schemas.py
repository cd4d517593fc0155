"""What the review inbox shows and accepts (JSON API models, also rendered by the page).

Question texts are masked (``assistant/inbox/masking.py``); labels (``*_label``) are in the
viewer's console language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

ITEM_IDS_MAX = 500
PHRASING_MAX = 300


class InboxEntryPublic(BaseModel):
    id: str
    title: str = Field(description="In the console language (the entry's other one if needed).")
    score: float | None = Field(description="Cosine similarity to the representative question.")
    involved: bool = Field(
        description="The assistant offered or gave this entry for one of the group's questions."
    )
    editor_url: str


class InboxItemPublic(BaseModel):
    id: int
    text: str = Field(description="The question, masked.")
    language: str
    language_label: str
    reason: str = Field(description="no_answer | clarify | out_of_scope | thumbs_down | escalated")
    reason_label: str
    count: int = Field(description="Occurrences since the last review.")
    total: int = Field(description="Occurrences ever.")
    first_seen: datetime
    last_seen: datetime
    last_seen_label: str
    candidates: list[str] = Field(description="KB entries the failed turns involved.")


class InboxGroupPublic(BaseModel):
    id: int = Field(description="The representative item's id.")
    representative: InboxItemPublic
    size: int = Field(description="Distinct questions in the group.")
    occurrences: int
    languages: list[str]
    language_labels: list[str]
    reasons: list[str]
    reason_labels: list[str]
    last_seen: datetime
    item_ids: list[int] = Field(description="Send these to act on the whole group.")
    items: list[InboxItemPublic]
    entries: list[InboxEntryPublic] = Field(description="The closest KB entries, best first.")


class InboxPublic(BaseModel):
    groups: list[InboxGroupPublic]
    threshold: float = Field(description="Cosine similarity that puts two questions together.")
    grouped: bool = Field(description="False while the embedding model is loading.")
    can_act: bool = Field(description="The viewer may add phrasings, draft and dismiss.")


class ItemsRequest(BaseModel):
    item_ids: list[int] = Field(min_length=1, max_length=ITEM_IDS_MAX)


class PhrasingRequest(ItemsRequest):
    entry_id: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9-]+$")
    item_id: int | None = Field(
        default=None, description="The item whose question is added (default: the first)."
    )
    text: str | None = Field(
        default=None,
        max_length=PHRASING_MAX,
        description="The phrasing as the editor corrected it (default: the item's text).",
    )

    @field_validator("text")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value if value and value.strip() else None


class PhrasingPublic(BaseModel):
    entry_id: str
    language: Literal["fr", "en"]
    text: str
    version: int | None = Field(description="The entry's new version; null if it had it already.")
    already_present: bool
    resolved: int = Field(description="Inbox items closed by this action.")
    editor_url: str


class DraftPublic(BaseModel):
    entry_id: str
    editor_url: str
    resolved: int


class DismissPublic(BaseModel):
    resolved: int
