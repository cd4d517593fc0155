"""What the staff console shows and accepts: the JSON API's models, also rendered by the pages.

Labels (``*_label``) are in the viewer's console language; visitor text is returned as given.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

TEXT_MAX = 4000


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class CasePublic(BaseModel):
    id: int
    reference: str
    status: str = Field(description="new | claimed | email | closed")
    status_label: str
    audience: str
    audience_label: str
    language: str
    language_label: str
    reason: str
    reason_label: str
    visitor: str = Field(description="The visitor's name, if they gave it.")
    summary_excerpt: str
    created_at: datetime
    age_label: str = Field(description='e.g. "il y a 5 min" / "5 min ago"')
    claimed_by: int | None
    claimed_by_name: str | None
    mine: bool = Field(description="Claimed by the signed-in staff member.")
    has_conversation: bool = Field(description="The visitor's chat can receive replies.")


class CaseListPublic(BaseModel):
    cases: list[CasePublic]
    dead_emails: int = Field(description="Emails that could not be delivered (dead letters).")


class BriefLinePublic(BaseModel):
    label: str
    value: str


class TranscriptLinePublic(BaseModel):
    sender: str = Field(description="visitor | bot | staff | system")
    sender_label: str
    text: str = Field(description="a button the visitor clicked: its title, not its payload")
    button: bool = Field(default=False, description="the visitor clicked a button")
    created_at: datetime
    time_label: str


class NotePublic(BaseModel):
    id: int
    author: str | None
    text: str
    created_at: datetime
    time_label: str


class CaseDetailPublic(BaseModel):
    case: CasePublic
    brief: list[BriefLinePublic]
    transcript: list[TranscriptLinePublic]
    notes: list[NotePublic]
    conversation_status: str | None = Field(description="bot | handoff | closed, or null")
    resolution: str | None


class MessagePublic(BaseModel):
    id: int
    sender: str
    text: str
    created_at: datetime


class StaffPublic(BaseModel):
    id: int
    name: str
    role: str


class StaffSessionPublic(BaseModel):
    staff: StaffPublic
    language: str
    csrf_token: str = Field(description="Send it as X-CSRF-Token with every POST.")


class ReplyRequest(BaseModel):
    text: str = Field(min_length=1, max_length=TEXT_MAX, description="Sent to the visitor.")

    _check = field_validator("text")(_not_blank)


class CloseRequest(BaseModel):
    resolution: str = Field(min_length=1, max_length=TEXT_MAX)

    _check = field_validator("resolution")(_not_blank)


class NoteRequest(BaseModel):
    text: str = Field(min_length=1, max_length=TEXT_MAX, description="Internal; never shown.")

    _check = field_validator("text")(_not_blank)
