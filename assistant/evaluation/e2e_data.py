"""The end-to-end evaluation's held-out data: single-turn inquiries and scripted dialogues
(``tests/data/e2e/``), and their fixed tune/report split."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.core.config import PROJECT_ROOT

E2E_DIR = PROJECT_ROOT / "tests" / "data" / "e2e"
Outcome = Literal[
    "answer", "clarify", "escalate", "form", "handoff", "out_of_scope", "fallback", "smalltalk"
]
Expected = Literal["answer", "escalate", "out_of_scope", "smalltalk"]


class Inquiry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    language: str  # the message's language (fr, en, es, de, zh…)
    style: str
    text: str
    expected: Expected
    entries: list[str] = Field(default_factory=list)  # acceptable answers (or redirects)
    hint: Literal["fr", "en"] | None = None  # the widget's language
    reply_language: Literal["fr", "en"] | None = None

    @property
    def group(self) -> str:
        return self.language if self.language in ("fr", "en") else "other"

    @property
    def expected_reply_language(self) -> str:
        if self.reply_language:
            return self.reply_language
        return self.language if self.language in ("fr", "en") else (self.hint or "en")


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: list[Outcome] = Field(default_factory=list)
    language: Literal["fr", "en"] | None = None
    entries: list[str] = Field(default_factory=list)
    contains: list[str] = Field(default_factory=list)

    @field_validator("outcome", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    say: str | None = None
    click: str | int | None = None
    expect: Expect = Field(default_factory=Expect)


class CaseExpectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: bool = True
    email_contains: list[str] = Field(default_factory=list)


class Dialogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    hint: Literal["fr", "en"] | None = None
    turns: list[Turn]
    case: CaseExpectation | None = None


def load_inquiries(directory: Path = E2E_DIR) -> list[Inquiry]:
    items: list[Inquiry] = []
    for path in sorted(directory.glob("inquiries_*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items += [Inquiry.model_validate(item) for item in data["items"]]
    return items


def load_dialogues(directory: Path = E2E_DIR) -> list[Dialogue]:
    data = yaml.safe_load((directory / "dialogues.yml").read_text(encoding="utf-8"))
    return [Dialogue.model_validate(d) for d in data["dialogues"]]


def side(identifier: str) -> Literal["tune", "report"]:
    """The fixed half an item belongs to (by a hash of its id, never by its content)."""
    return "tune" if hashlib.sha256(identifier.encode()).digest()[0] % 2 == 0 else "report"


def unknown_entries(items: list[Inquiry], dialogues: list[Dialogue], known: set[str]) -> list[str]:
    """Labels naming no KB entry: a renamed or deleted entry would make the evaluation lie."""
    labels = {(i.id, e) for i in items for e in i.entries}
    labels |= {(d.id, e) for d in dialogues for t in d.turns for e in t.expect.entries}
    return sorted(f"{owner}: {entry}" for owner, entry in labels if entry not in known)
