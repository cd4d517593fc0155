"""The public chat API's request and response (a stable contract: see ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator

Outcome = Literal[
    "answer", "clarify", "escalate", "form", "handoff", "out_of_scope", "fallback", "smalltalk"
]
OUTCOMES: tuple[str, ...] = Outcome.__args__  # type: ignore[attr-defined]


class ChatRequest(BaseModel):
    text: str = Field(min_length=1, max_length=2000, description="The visitor's message.")
    conversation_id: str | None = Field(
        default=None, max_length=64, description="Omit or leave empty to start a conversation."
    )
    language: Literal["fr", "en"] | None = Field(
        default=None, description="The widget's current language: a hint, not an order."
    )
    client_message_id: str | None = Field(
        default=None,
        max_length=100,
        description="Idempotency key: resending the same id returns the same reply.",
    )

    timezone: str | None = Field(
        default=None,
        max_length=64,
        description="The visitor's IANA time zone (e.g. Europe/Paris), to show the Bureau's "
        "office hours in local time.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            return None  # a hint only: an unknown zone falls back to Québec's
        return value

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text must not be blank")
        return value


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    text: str
    buttons: list[Button] = []


class ChatResponse(BaseModel):
    conversation_id: str
    language: Literal["fr", "en"]
    outcome: Outcome
    kb_entries: list[str] = []
    messages: list[ChatMessage] = []


class ErrorBody(BaseModel):
    code: str
    message: str
    conversation_id: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody
