"""Writes entries in the portable form the loader reads: ``<dir>/<topic>/<id>.yml``.

The layout follows kb/README.md: fields in the documented order, short lists inline, answers
folded (``>-``) near 76 columns, so an export makes a readable diff under version control.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.kb.loader import entry_files
from assistant.kb.models import Entry

FIELD_ORDER = tuple(Entry.model_fields)  # kb/README.md documents the model's order


class _Folded(str):
    """An answer: emitted as a folded block scalar."""


class _Inline(list[Any]):
    """A short list of codes (audiences, languages): emitted as ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "- item" indented under its key


_Dumper.add_representer(
    _Folded, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, ">")
)
_Dumper.add_representer(
    _Inline,
    lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, True),
)


def entry_yaml(entry: Entry) -> str:
    data = entry.model_dump(mode="json", exclude_none=True)
    data["last_verified"] = entry.last_verified  # a date, written unquoted
    if entry.review_by is not None:
        data["review_by"] = entry.review_by
    if data.get("languages") == ["fr", "en"]:
        del data["languages"]  # the default
    for key in ("audiences", "languages"):
        if key in data:
            data[key] = _Inline(data[key])
    for language in ("fr", "en"):
        if language in data:
            content = data[language]
            content["answer"] = _Folded(content["answer"])
    ordered = {key: data[key] for key in FIELD_ORDER if key in data}
    return yaml.dump(
        ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=72, indent=2
    )


def entry_path(directory: Path, entry: Entry) -> Path:
    return directory / entry.topic / f"{entry.id}.yml"


def write_entries(directory: Path, entries: list[Entry]) -> tuple[int, int]:
    """Writes every entry (only files whose text changes) and removes the other ``.yml``
    files (retired entries, entries that moved topic). Returns (written, removed)."""
    keep: set[Path] = set()
    written = 0
    for entry in entries:
        path = entry_path(directory, entry)
        keep.add(path.resolve())
        text = entry_yaml(entry)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    removed = 0
    if directory.is_dir():
        for path in entry_files(directory):
            if path.resolve() not in keep:
                path.unlink()
                removed += 1
    return written, removed
