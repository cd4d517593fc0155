"""Drafts: entries being edited. A draft may be partial (one language, no answer yet); it must
become a valid ``Entry``, with both languages unless marked one-language, to be published."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.core.errors import KBDraftInvalid, KBParityRequired
from assistant.kb.models import Entry, LocalizedContent

LANGUAGES: tuple[Literal["fr", "en"], ...] = ("fr", "en")
SLUG_MAX = 60


class LocalizedDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", max_length=200)
    answer: str = Field(default="", max_length=2000)
    questions: list[str] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.title.strip() or self.answer.strip() or self.questions)


class EntryDraft(BaseModel):
    """The Entry YAML shape with every field optional (kb/README.md)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=80)
    topic: str | None = None
    audiences: list[str] = Field(default_factory=list)
    competent_body: str | None = None
    escalate: bool = False
    last_verified: date | None = None
    review_by: date | None = None
    sources: list[str] = Field(default_factory=list)
    languages: list[Literal["fr", "en"]] = Field(default_factory=lambda: list(LANGUAGES))
    fr: LocalizedDraft | None = None
    en: LocalizedDraft | None = None


def _problems(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(part) for part in problem['loc']) or 'entry'}: {problem['msg']}"
        for problem in error.errors()
    ]


def clean_draft(data: dict[str, Any]) -> dict[str, Any]:
    """The draft in canonical JSON form: stripped texts, no blank phrasings or sources, empty
    languages dropped. Raises KBDraftInvalid (unknown keys, wrong types, nothing written)."""
    try:
        draft = EntryDraft.model_validate(data)
    except ValidationError as error:
        raise KBDraftInvalid(problems=_problems(error)) from error
    cleaned = draft.model_dump(mode="json", exclude_none=True)
    for language in LANGUAGES:
        content = getattr(draft, language)
        if content is None or content.empty:
            cleaned.pop(language, None)
            continue
        cleaned[language] = {
            "title": content.title.strip(),
            "answer": content.answer.strip(),
            "questions": [q.strip() for q in content.questions if q.strip()],
        }
    cleaned["sources"] = [s.strip() for s in draft.sources if s.strip()]
    if "fr" not in cleaned and "en" not in cleaned:
        raise KBDraftInvalid(problems=["fr/en: write a title or a question in one language"])
    return cleaned


def publishable_entry(draft: dict[str, Any]) -> Entry:
    """The draft as a valid Entry. Raises KBParityRequired when a declared language has no
    content, KBDraftInvalid with every other problem."""
    declared = draft.get("languages") or list(LANGUAGES)
    missing = [language for language in declared if language not in draft]
    if missing:
        raise KBParityRequired(f"missing language(s): {', '.join(missing)}")
    try:
        return Entry.model_validate(draft)
    except ValidationError as error:
        raise KBDraftInvalid(problems=_problems(error)) from error


def as_draft(entry: Entry) -> dict[str, Any]:
    """A published entry in the form drafts and versions are stored in."""
    return entry.model_dump(mode="json", exclude_none=True)


def preview_entry(draft: dict[str, Any], entry_id: str) -> Entry:
    """The draft as an Entry good enough to search and answer with, even if it cannot be
    published yet (missing fields get neutral placeholders; no validation)."""
    contents: dict[str, LocalizedContent] = {}
    for language in LANGUAGES:
        if language in draft:
            part = draft[language]
            contents[language] = LocalizedContent.model_construct(
                title=part.get("title", ""),
                answer=part.get("answer", ""),
                questions=list(part.get("questions", [])),
            )
    languages = [language for language in LANGUAGES if language in contents]
    return Entry.model_construct(
        id=entry_id,
        topic=draft.get("topic") or "bureau",
        audiences=draft.get("audiences") or ["general"],
        competent_body=draft.get("competent_body") or "autre",
        escalate=bool(draft.get("escalate", False)),
        last_verified=draft.get("last_verified") or date.today(),
        review_by=draft.get("review_by"),
        sources=draft.get("sources") or ["—"],
        languages=languages,
        fr=contents.get("fr"),
        en=contents.get("en"),
    )


def slugify(text: str) -> str:
    """``Où stationner au Centre?`` -> ``ou-stationner-au-centre``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_MAX].strip("-")
    return slug or "entry"


def same_phrasing(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
