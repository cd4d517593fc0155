"""A knowledge-base entry: one record, the same facts in French and English."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

Topic = Literal["bureau", "investment", "talent", "events", "city-to-city", "city"]
Audience = Literal["investor", "talent", "event_organizer", "partner_city", "general"]
CompetentBody = Literal[
    "ville-de-quebec",
    "bureau",
    "gouvernement-du-quebec",
    "gouvernement-du-canada",
    "agence-regionale",
    "agence-touristique",
    "etablissement",
    "autre",
]
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The Rasa intent a clarification button sends for an entry of each topic.
TOPIC_INTENT = {
    "bureau": "about_bureau",
    "investment": "invest",
    "talent": "talent",
    "events": "events",
    "city-to-city": "partnership",
    "city": "city",
}


class LocalizedContent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=200)
    answer: str = Field(min_length=20, max_length=2000)
    questions: list[str] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _clean_questions(cls, questions: list[str]) -> list[str]:
        cleaned = [q.strip() for q in questions if q and q.strip()]
        if not cleaned:
            raise ValueError("at least one question phrasing is required")
        return cleaned


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=80)
    topic: Topic
    audiences: list[Audience] = Field(min_length=1)
    competent_body: CompetentBody
    escalate: bool = False
    last_verified: date
    review_by: date | None = None
    sources: list[HttpUrl] = Field(min_length=1)
    languages: list[Literal["fr", "en"]] = ["fr", "en"]
    fr: LocalizedContent | None = None
    en: LocalizedContent | None = None

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError("id must be lowercase letters, digits and dashes")
        return value

    @model_validator(mode="after")
    def _has_declared_languages(self) -> Entry:
        for language in self.languages:
            if getattr(self, language) is None:
                raise ValueError(
                    f"missing the '{language}' content (or mark the entry one-language)"
                )
        return self

    def content(self, language: str) -> LocalizedContent:
        """Content in ``language``, or in the entry's other language when it has only one."""
        found = self.en if language == "en" else self.fr
        return found or self.fr or self.en  # type: ignore[return-value]

    @property
    def review_date(self) -> date:
        return self.review_by or self.last_verified + timedelta(days=365)

    @property
    def intent(self) -> str:
        return TOPIC_INTENT[self.topic]
