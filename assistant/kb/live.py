"""Keeps the live index in step with the published KB: rebuilds on change, swaps atomically.

The published entries come from the store (assistant/kb/store.py). A publish in this process
calls ``refresh`` at once; ``watch`` follows the ``kb`` notifications (assistant/events), so a
publish made by another app process goes live here as soon as it is committed (plus the
rebuild), and polls the store every ``kb_watch_seconds`` as the fallback (a lost notification,
the import command).

Only changed texts are re-embedded (``KBIndex.build`` reuses the previous vectors), and no Rasa
retraining is involved: Rasa only decides *that* the KB answers, the index decides *what*.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.kb.classifier import ClassifierSettings, EntryClassifier, NegativeVectors
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.models import Entry
from assistant.kb.negatives import Negative, clinc_neighbours, out_of_scope_examples
from assistant.kb.neighbours import OutOfScopeNeighbours
from assistant.kb.retriever import Retriever, Thresholds

if TYPE_CHECKING:
    from assistant.events import Subscription
    from assistant.kb.store import KnowledgeBaseStore

log = logging.getLogger(__name__)


class LiveKnowledgeBase:
    def __init__(
        self,
        store: KnowledgeBaseStore,
        encoder: Encoder,
        thresholds: Thresholds,
        *,
        classifier_settings: ClassifierSettings | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.encoder = encoder
        self.thresholds = thresholds
        self.classifier_settings = classifier_settings or ClassifierSettings()
        self._cache_dir = cache_dir
        self._negatives: tuple[list[Negative], np.ndarray] | None = None
        self._neighbours: OutOfScopeNeighbours | None = None
        self._fingerprint = ""
        self._lock = asyncio.Lock()
        self.retriever: Retriever | None = None
        self.last_error: str | None = None

    def build(self, entries: list[Entry]) -> Retriever:
        """Index ``entries`` and make them live (blocking; run it in a thread from async code)."""
        previous = self.retriever.index if self.retriever else None
        index = KBIndex.build(entries, self.encoder, previous)
        classifier = self.train_classifier(index) if entries else None
        if self.retriever is None:
            self.retriever = Retriever(
                self.encoder, index, self.thresholds, classifier, self.neighbours()
            )
        else:
            self.retriever.swap(index, classifier)
        log.info(
            "knowledge base live: %d entries, %d texts embedded",
            len(entries),
            index.embedded_texts,
        )
        return self.retriever

    def train_classifier(self, index: KBIndex) -> EntryClassifier:
        """The router's classifier for this index (blocking; the first call embeds the
        out-of-scope examples, or reads them from the cache)."""
        if self._negatives is None:
            negatives = out_of_scope_examples()
            vectors = NegativeVectors(self._cache_dir).load(negatives, self.encoder)
            self._negatives = (negatives, vectors)
        negatives, vectors = self._negatives
        return EntryClassifier.train(index, negatives, vectors, self.classifier_settings)

    def neighbours(self) -> OutOfScopeNeighbours:
        """The out-of-scope neighbours (blocking; the first call embeds about 14,000 queries,
        a few minutes on two cores, then reads them from the cache)."""
        if self._neighbours is None:
            cache = NegativeVectors(self._cache_dir)
            self._neighbours = OutOfScopeNeighbours.load(clinc_neighbours(), self.encoder, cache)
        return self._neighbours

    async def refresh(self) -> Retriever:
        """Rebuild from the store's published entries if they changed since the last build."""
        async with self._lock:
            fingerprint = await self.store.published_fingerprint()
            if self.retriever is not None and fingerprint == self._fingerprint:
                return self.retriever
            entries = await self.store.published_entries()
            retriever = await asyncio.to_thread(self.build, entries)
            self._fingerprint = fingerprint
            self.last_error = None
            return retriever

    async def watch(self, every_seconds: float, changes: Subscription | None = None) -> None:
        """Pick up publishes made by other processes: at once when ``changes`` (the ``kb``
        channel's subscription) wakes us, else every ``every_seconds`` (0: never); a failure
        keeps the previous index."""
        fallback = every_seconds if every_seconds > 0 else None
        while True:
            if changes is not None:
                await changes.wait(fallback)
            elif fallback is not None:
                await asyncio.sleep(fallback)
            else:
                return
            try:
                await self.refresh()
            except Exception as error:
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("knowledge base not refreshed, the previous version stays live")
