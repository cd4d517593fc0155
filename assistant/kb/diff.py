"""A readable difference between two versions of an entry: per field, French and English apart.

Lists (phrasings, sources, audiences) show the items removed and added; texts show before and
after, with the changed words marked so a long answer's edit is easy to spot.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any

from assistant.kb.models import Entry, LocalizedContent

# The entry's fields in the model's order: the shared ones, then each language's.
COMMON_FIELDS = tuple(name for name in Entry.model_fields if name not in ("id", "fr", "en"))
LOCALIZED_FIELDS = tuple(LocalizedContent.model_fields)


@dataclass(frozen=True)
class WordChange:
    kind: str  # same | removed | added
    text: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    language: str | None  # "fr" / "en" for title, answer and questions
    before: str = ""
    after: str = ""
    removed: list[str] = dataclasses.field(default_factory=list)
    added: list[str] = dataclasses.field(default_factory=list)
    words: list[WordChange] = dataclasses.field(default_factory=list)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _word_changes(before: str, after: str) -> list[WordChange]:
    old, new = before.split(), after.split()
    changes: list[WordChange] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.append(WordChange("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            changes.append(WordChange("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(WordChange("added", " ".join(new[j1:j2])))
    return changes


def _compare(name: str, language: str | None, before: Any, after: Any) -> FieldChange | None:
    if before == after:
        return None
    if isinstance(before, list) or isinstance(after, list):
        old = [_as_text(item) for item in before or []]
        new = [_as_text(item) for item in after or []]
        return FieldChange(
            name,
            language,
            before="\n".join(old),
            after="\n".join(new),
            removed=[item for item in old if item not in new],
            added=[item for item in new if item not in old],
        )
    old_text, new_text = _as_text(before), _as_text(after)
    return FieldChange(
        name, language, before=old_text, after=new_text, words=_word_changes(old_text, new_text)
    )


def diff_entries(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Every field that differs, common fields first, then French, then English."""
    changes = [_compare(name, None, before.get(name), after.get(name)) for name in COMMON_FIELDS]
    for language in ("fr", "en"):
        old, new = before.get(language) or {}, after.get(language) or {}
        changes += [
            _compare(name, language, old.get(name), new.get(name)) for name in LOCALIZED_FIELDS
        ]
    return [change for change in changes if change is not None]
