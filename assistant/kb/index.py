"""The embedding index over KB entries: every phrasing, title and answer, in both languages.

A rebuild re-embeds only texts it has not embedded before (the previous index is the cache),
so editing one entry costs one entry's embeddings. Search is exact (brute-force cosine on
normalised vectors): at the Bureau's scale it is both the fastest and the simplest; see
``benchmarks/kb_search.py`` for the measurements against an approximate index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from assistant.kb.models import Entry

Kind = Literal["query", "passage"]


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

    @property
    def embedded_texts(self) -> int:
        return len(self._cache)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Best cosine per entry: max over its phrasings and its answers, both languages."""
        similarities = self.vectors @ query_vector
        best = np.full(len(self.entries), -1.0, dtype=np.float32)
        owners = np.fromiter((r.entry for r in self.rows), dtype=np.int64, count=len(self.rows))
        np.maximum.at(best, owners, similarities)
        return best
