"""The held-out KB questions (``tests/data/kb_eval.yml``) and the CLINC150 out-of-scope probes."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.core.config import PROJECT_ROOT
from assistant.kb.negatives import CLINC_FILE, CLINC_SMALL_TALK

NONE = "none"  # the label of a question no entry answers
EVAL_FILE = PROJECT_ROOT / "tests" / "data" / "kb_eval.yml"


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    language: Literal["fr", "en"]
    text: str
    expected: str
    also: list[str] = Field(default_factory=list)
    pair: str | None = None

    @property
    def answerable(self) -> bool:
        return self.expected != NONE

    @property
    def acceptable(self) -> frozenset[str]:
        """Entries that count as a right answer (empty for a "none" item)."""
        return frozenset([self.expected, *self.also]) if self.answerable else frozenset()


def load_items(path: Path = EVAL_FILE) -> list[EvalItem]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [EvalItem.model_validate(item) for item in data["items"]]


def unknown_entries(items: list[EvalItem], entry_ids: set[str]) -> list[str]:
    """Labels that name no KB entry (a renamed or deleted entry makes the evaluation lie)."""
    return sorted(
        {f"{i.id}: {label}" for i in items for label in i.acceptable if label not in entry_ids}
    )


def split_halves(items: list[EvalItem]) -> tuple[list[EvalItem], list[EvalItem]]:
    """A fixed tune/report split; a question and its cross-language twin stay on the same side."""
    tune: list[EvalItem] = []
    report: list[EvalItem] = []
    for item in items:
        group = min(item.id, item.pair or item.id)
        side = hashlib.sha256(group.encode()).digest()[0] % 2
        (tune if side == 0 else report).append(item)
    return tune, report


def clinc_probes(path: Path = CLINC_FILE, in_scope_sample: int = 100) -> list[str]:
    """CLINC150 ``oos_val`` plus a fixed sample of ``val`` (all outside the Bureau's remit,
    less the small talk the dataset's README counts as ours)."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    probes = [text for text, _ in data["oos_val"]]
    val = [text for text, intent in data["val"] if intent not in CLINC_SMALL_TALK]
    return probes + random.Random(150).sample(val, min(in_scope_sample, len(val)))
