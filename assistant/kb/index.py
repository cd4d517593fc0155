"""The embedding index over KB entries: every phrasing, title and answer, in both languages.

A rebuild re-embeds only texts it has not embedded before (the previous index is the cache),
so editing one entry costs one entry's embeddings. Search is exact (brute-force cosine on
normalised vectors): at the Bureau's scale it is both the fastest and the simplest; see
``benchmarks/kb_search.py`` for the measurements against an approximate index.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from assistant.kb.models import Entry

Kind = Literal["query", "passage"]
TOP_ROWS = 3  # an entry's score: the mean of its best 3 row cosines (see KBIndex.scores)
SAME_TEXT = 0.97  # ...unless one of its texts is (nearly) the question itself: then that cosine


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    name: str

    def encode(self, texts: list[str], kind: Kind) -> np.ndarray: ...


@dataclass(frozen=True)
class _Row:
    entry: int  # position in KBIndex.entries
    kind: Kind  # "query" for phrasings and titles, "passage" for answers
    language: str
    text: str


@dataclass
class KBIndex:
    entries: list[Entry]
    rows: list[_Row]
    vectors: np.ndarray  # (len(rows), dim)
    encoder_name: str
    _cache: dict[tuple[Kind, str], np.ndarray] = field(default_factory=dict, repr=False)
    _rows_by_entry: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls, entries: list[Entry], encoder: Encoder, previous: KBIndex | None = None
    ) -> KBIndex:
        rows: list[_Row] = []
        for position, entry in enumerate(entries):
            for language in entry.languages:
                content = entry.content(language)
                for text in [content.title, *content.questions]:
                    rows.append(_Row(position, "query", language, text))
                rows.append(_Row(position, "passage", language, content.answer))
        cache: dict[tuple[Kind, str], np.ndarray] = {}
        if previous is not None and previous.encoder_name == encoder.name:
            cache = previous._cache
        new_cache: dict[tuple[Kind, str], np.ndarray] = {}
        for kind in ("query", "passage"):
            missing = sorted(
                {r.text for r in rows if r.kind == kind and (kind, r.text) not in cache}
            )
            if missing:
                for text, vector in zip(missing, encoder.encode(missing, kind), strict=True):
                    cache[(kind, text)] = vector
        dim = next(iter(cache.values())).shape[0] if cache else 0
        vectors = np.zeros((len(rows), dim), dtype=np.float32)
        for i, row in enumerate(rows):
            vectors[i] = new_cache.setdefault((row.kind, row.text), cache[(row.kind, row.text)])
        return cls(entries, rows, vectors, encoder.name, new_cache)

    def detached(self) -> KBIndex:
        """A copy whose embedding cache is its own: building from it (a preview's index with a
        draft) embeds new texts without adding them to this index's cache."""
        return dataclasses.replace(self, _cache=dict(self._cache))

    @property
    def embedded_texts(self) -> int:
        return len(self._cache)

    def scores(
        self, query_vector: np.ndarray, similarities: np.ndarray | None = None
    ) -> np.ndarray:
        """Per entry, the mean of its TOP_ROWS best cosines over its phrasings, titles and
        answers in both languages; or its best cosine when that reaches SAME_TEXT (a phrasing
        staff added for exactly this question wins). An entry that several of its texts match
        beats one that a single phrasing happens to match: measured by ``make eval-kb``, top-1
        on the report half 81.9 % (max) -> 87.7 % (mean of the best 3), k chosen on the tune
        half; the SAME_TEXT rule changes no held-out result. ``similarities``: the query's
        cosine with every row, when the caller already has it."""
        if similarities is None:
            similarities = self.vectors @ query_vector
        layout = self._layout()
        padded = np.append(similarities, np.float32(np.nan))[layout]  # (entries, most rows)
        best = -np.sort(-np.nan_to_num(padded, nan=-np.inf), axis=1)[:, :TOP_ROWS]
        top = best[:, 0].copy()
        best[np.isinf(best)] = np.nan  # an entry with fewer rows averages what it has
        mean = np.nanmean(best, axis=1)
        return np.where(top >= SAME_TEXT, top, mean).astype(np.float32)

    def _layout(self) -> np.ndarray:
        """Row indices per entry, padded with len(rows) (a NaN slot); built once per index."""
        if self._rows_by_entry is None:
            per_entry: list[list[int]] = [[] for _ in self.entries]
            for i, row in enumerate(self.rows):
                per_entry[row.entry].append(i)
            width = max((len(r) for r in per_entry), default=0)
            layout = np.full((len(per_entry), max(width, 1)), len(self.rows), dtype=np.int64)
            for e, indices in enumerate(per_entry):
                layout[e, : len(indices)] = indices
            self._rows_by_entry = layout
        return self._rows_by_entry
