"""Reads the portable KB (``kb/entries/<topic>/<id>.yml``) and reports every problem at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.core.errors import KnowledgeBaseError
from assistant.kb.models import Entry


def entry_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.yml"))


def fingerprint(directory: Path) -> str:
    """Changes whenever a file is added, removed or modified."""
    digest = hashlib.sha256()
    for path in entry_files(directory):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()


def load_entry(path: Path) -> Entry:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = Entry.model_validate(data)
    except (yaml.YAMLError, ValidationError) as error:
        raise KnowledgeBaseError(f"{path}: {error}") from error
    if entry.id != path.stem:
        raise KnowledgeBaseError(f"{path}: id '{entry.id}' differs from the file name")
    return entry


def load_entries(directory: Path) -> list[Entry]:
    """All entries, sorted by id. Raises one KnowledgeBaseError listing every bad file."""
    entries: list[Entry] = []
    problems: list[str] = []
    for path in entry_files(directory):
        try:
            entries.append(load_entry(path))
        except KnowledgeBaseError as error:
            problems.append(str(error))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            problems.append(f"duplicate id '{entry.id}'")
        seen.add(entry.id)
    if problems:
        raise KnowledgeBaseError("\n".join(problems))
    return sorted(entries, key=lambda e: e.id)
