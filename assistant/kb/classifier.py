"""Which KB entry a question asks for, or none: a softmax classifier over the embeddings.

Classes are the published entries (trained on their titles and phrasings in both languages)
plus one out-of-scope class (``assistant/kb/negatives.py``). It is retrained at every KB
publish, in seconds, from vectors the index already holds — no Rasa retraining — and gives
probabilities the router can threshold: answer, offer a choice, or say it is not ours.
Cosine similarity alone cannot tell "near a phrasing" from "asks for this entry"; measured
end to end by ``make eval-e2e`` (README, "How a message is routed").
"""

from __future__ import annotations

import hashlib
import logging
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.kb.index import Encoder, KBIndex
from assistant.kb.negatives import Negative

log = logging.getLogger(__name__)

OUT_OF_SCOPE = "__out_of_scope__"
_BATCH = 1000  # texts embedded between two progress reports


@dataclass(frozen=True)
class ClassifierSettings:
    # The out-of-scope class weighs as much as this many entries (split evenly between the
    # French and the English examples), so thousands of English CLINC queries do not drown it.
    out_of_scope_weight: float = 3.0
    regularisation: float = 1000.0  # scikit-learn's C: the vectors are close, little shrinkage
    max_iterations: int = 300


@dataclass(frozen=True)
class Ranking:
    """The most likely entries best first with their probabilities, and the probability
    that the question is none of the Bureau's business."""

    entries: list[tuple[str, float]]
    out_of_scope: float

    @property
    def top(self) -> tuple[str | None, float]:
        return self.entries[0] if self.entries else (None, 0.0)


class NegativeVectors:
    """The out-of-scope examples' embeddings, computed once per model and cached on disk."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir

    def path(self, negatives: list[Negative], encoder: Encoder) -> Path | None:
        """Where these examples' vectors for this model are cached (None: no cache)."""
        digest = hashlib.sha256(encoder.name.encode())
        for negative in negatives:
            digest.update(negative.text.encode() + b"\0")
        if self._cache_dir is None:
            return None
        return self._cache_dir / f"negatives-{digest.hexdigest()[:16]}.npy"

    def load(
        self,
        negatives: list[Negative],
        encoder: Encoder,
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """The vectors from the cache, or embedded now (``progress(done, total)`` per batch)."""
        path = self.path(negatives, encoder)
        if path is not None and path.exists():
            vectors = np.load(path)
            if vectors.shape[0] == len(negatives):
                return vectors
        if not negatives:
            return np.zeros((0, 1), np.float32)
        started = time.perf_counter()
        log.info("embedding %d out-of-scope examples (once per model, then cached)", len(negatives))
        texts = [n.text for n in negatives]
        batches = []
        for start in range(0, len(texts), _BATCH):
            batches.append(encoder.encode(texts[start : start + _BATCH], "query"))
            if progress is not None:
                progress(min(start + _BATCH, len(texts)), len(texts))
        vectors = np.vstack(batches)
        log.info(
            "embedded %d out-of-scope examples in %.1f s",
            len(negatives),
            time.perf_counter() - started,
        )
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp.npy")
            np.save(temporary, vectors)
            temporary.replace(path)  # never a half-written cache for another process
        return vectors


class EntryClassifier:
    def __init__(
        self, labels: list[str], weights: np.ndarray, bias: np.ndarray, centre: np.ndarray
    ) -> None:
        self.labels = labels
        self._weights = weights  # (dim, classes), applied to centred vectors
        self._bias = bias
        self._centre = centre

    @classmethod
    def train(
        cls,
        index: KBIndex,
        negatives: list[Negative],
        negative_vectors: np.ndarray,
        settings: ClassifierSettings | None = None,
    ) -> EntryClassifier:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression

        settings = settings or ClassifierSettings()
        labels = [e.id for e in index.entries] + [OUT_OF_SCOPE]
        # every row of the index: titles, phrasings and answers, both languages
        targets = [row.entry for row in index.rows]
        per_entry = len(index.rows) / max(1, len(index.entries))
        weights = [1.0] * len(index.rows)
        by_language: dict[str, float] = {}
        for negative in negatives:
            by_language[negative.language] = by_language.get(negative.language, 0) + negative.weight
        class_total = settings.out_of_scope_weight * per_entry
        for negative in negatives:  # each language weighs the same share of the class
            share = negative.weight / by_language[negative.language] / len(by_language)
            weights.append(class_total * share)
        features = np.vstack([index.vectors, negative_vectors]) if negatives else index.vectors
        targets += [len(index.entries)] * len(negatives)
        # e5's vectors share a large common component: centring them lets the weights use
        # the directions that tell entries apart.
        centre = features.mean(axis=0)
        features = features - centre
        started = time.perf_counter()
        model = LogisticRegression(C=settings.regularisation, max_iter=settings.max_iterations)
        with warnings.catch_warnings():
            # at max_iterations the ranking is settled even if the optimiser is not
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(features, np.asarray(targets), sample_weight=np.asarray(weights))
        log.info("entry classifier trained in %.1f s", time.perf_counter() - started)
        present = [labels[k] for k in model.classes_]
        return cls(
            present,
            model.coef_.T.astype(np.float32),
            model.intercept_.astype(np.float32),
            centre.astype(np.float32),
        )

    def rank(self, vector: np.ndarray, limit: int = 5) -> Ranking:
        logits = (vector - self._centre) @ self._weights + self._bias
        logits = logits - logits.max()
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum()
        out_of_scope = self.labels.index(OUT_OF_SCOPE) if OUT_OF_SCOPE in self.labels else -1
        order = [i for i in np.argsort(-probabilities) if i != out_of_scope][:limit]
        return Ranking(
            [(self.labels[i], float(probabilities[i])) for i in order],
            float(probabilities[out_of_scope]) if out_of_scope >= 0 else 0.0,
        )
