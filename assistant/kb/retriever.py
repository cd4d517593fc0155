"""Turns a visitor's question into a decision: answer, clarify between entries, or none.

Thresholds are cosine similarities of multilingual-e5-small (settings ``kb_*``). The margin
(0.01) is the value tuned on the tune half of ``tests/data/kb_eval.yml`` by ``make eval-kb``;
answer/clarify (0.86/0.82) favour offering the right entry over saying "I don't know" (the
tuned 0.89/0.89 answers more directly but leaves 9 % of answerable questions unanswered).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from assistant.kb.classifier import EntryClassifier, Ranking
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.models import Entry
from assistant.kb.neighbours import OutOfScopeNeighbours


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Decision:
    kind: Literal["answer", "clarify", "none"]
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Evidence:
    """What the KB says about one text: cosine candidates and, once trained, the classifier's
    ranking (None until the first training finishes)."""

    text: str
    candidates: list[Candidate]
    ranking: Ranking | None
    # how much closer the nearest out-of-scope query is than the nearest KB text (cosine;
    # positive: the question looks more like something asked elsewhere; see kb/neighbours.py)
    elsewhere: float = -1.0


@dataclass(frozen=True)
class Thresholds:
    answer: float = 0.86
    clarify: float = 0.82
    margin: float = 0.01
    max_choices: int = 3


class Retriever:
    """Searches the live index; ``swap`` replaces the index atomically while serving."""

    def __init__(
        self,
        encoder: Encoder,
        index: KBIndex,
        thresholds: Thresholds,
        classifier: EntryClassifier | None = None,
        neighbours: OutOfScopeNeighbours | None = None,
    ) -> None:
        self.encoder = encoder
        self.thresholds = thresholds
        self.neighbours = neighbours
        self._live = (index, classifier)
        self._lock = threading.Lock()

    @property
    def index(self) -> KBIndex:
        return self._live[0]

    @property
    def classifier(self) -> EntryClassifier | None:
        return self._live[1]

    def swap(self, index: KBIndex, classifier: EntryClassifier | None = None) -> None:
        """Replace the index and its classifier together (one reference, read once per query)."""
        with self._lock:
            self._live = (index, classifier)

    def analyse(self, texts: list[str], limit: int = 5) -> list[Evidence]:
        """Cosine candidates and classifier ranking for each text, from one batch encoding."""
        index, classifier = self._live
        if not texts:
            return []
        if not index.entries:
            return [Evidence(text, [], None) for text in texts]
        vectors = self.encoder.encode(texts, "query")
        evidence: list[Evidence] = []
        for text, vector in zip(texts, vectors, strict=True):
            similarities = index.vectors @ vector  # every row, once
            scores = index.scores(vector, similarities)
            order = np.argsort(-scores)[:limit]
            candidates = [Candidate(index.entries[i], float(scores[i])) for i in order]
            ranking = classifier.rank(vector, limit) if classifier is not None else None
            elsewhere = (
                self.neighbours.nearest(vector) - float(similarities.max())
                if self.neighbours is not None and len(self.neighbours)
                else -1.0
            )
            evidence.append(Evidence(text, candidates, ranking, elsewhere))
        return evidence

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.index.entries if e.id == entry_id), None)

    def search(self, text: str, limit: int = 5) -> list[Candidate]:
        index = self.index  # one consistent snapshot even if a swap happens meanwhile
        if not index.entries:
            return []
        query = self.encoder.encode([text], "query")[0]
        scores = index.scores(query)
        order = np.argsort(-scores)[:limit]
        return [Candidate(index.entries[i], float(scores[i])) for i in order]

    def decide(self, text: str) -> Decision:
        return decide(self.search(text), self.thresholds)


def decide(candidates: list[Candidate], thresholds: Thresholds) -> Decision:
    if not candidates or candidates[0].score < thresholds.clarify:
        return Decision("none", candidates[:1])
    top = candidates[0]
    close = [
        c
        for c in candidates[1:]
        if c.score >= max(thresholds.clarify, top.score - thresholds.margin)
    ]
    if top.score >= thresholds.answer and not close:
        return Decision("answer", [top])
    choices = [top, *close][: thresholds.max_choices]
    if len(choices) == 1:
        # a lone, moderately similar entry: offer it and the next best ones
        choices = [c for c in candidates if c.score >= thresholds.clarify][: thresholds.max_choices]
    return Decision("clarify", choices)
