"""The two languages of the assistant, and the shape of a table of bilingual strings."""

from __future__ import annotations

from typing import Literal

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

#: key -> {"fr": …, "en": …}; every area module holds one.
Table = dict[str, dict[Language, str]]


def normalise_language(language: str | None) -> Language:
    """English when asked for, French otherwise (the Bureau's default language)."""
    return "en" if language == "en" else "fr"
