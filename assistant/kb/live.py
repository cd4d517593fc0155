"""Keeps the live index in step with the KB files: rebuilds on change, swaps atomically.

Only changed texts are re-embedded (``KBIndex.build`` reuses the previous vectors), and no Rasa
retraining is involved: Rasa only decides *that* the KB answers, the index decides *what*.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from assistant.core.errors import KnowledgeBaseError
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.loader import fingerprint, load_entries
from assistant.kb.retriever import Retriever, Thresholds

log = logging.getLogger(__name__)


class LiveKnowledgeBase:
    def __init__(self, directory: Path, encoder: Encoder, thresholds: Thresholds) -> None:
        self.directory = directory
        self._encoder = encoder
        self._thresholds = thresholds
        self._fingerprint = ""
        self.retriever: Retriever | None = None
        self.last_error: str | None = None

    def load(self) -> Retriever:
        """Build the index from the files (blocking; run it in a thread from async code)."""
        current = fingerprint(self.directory)
        entries = load_entries(self.directory)
        previous = self.retriever.index if self.retriever else None
        index = KBIndex.build(entries, self._encoder, previous)
        if self.retriever is None:
            self.retriever = Retriever(self._encoder, index, self._thresholds)
        else:
            self.retriever.swap(index)
        self._fingerprint = current
        self.last_error = None
        log.info(
            "knowledge base loaded: %d entries, %d texts embedded",
            len(entries),
            index.embedded_texts,
        )
        return self.retriever

    def changed(self) -> bool:
        return fingerprint(self.directory) != self._fingerprint

    async def watch(self, every_seconds: float) -> None:
        """Reload whenever the files change; a bad edit keeps the previous index live."""
        while True:
            await asyncio.sleep(every_seconds)
            if not self.changed():
                continue
            try:
                await asyncio.to_thread(self.load)
            except KnowledgeBaseError as error:
                self.last_error = str(error)
                self._fingerprint = fingerprint(self.directory)
                log.error(
                    "knowledge base not reloaded, the previous version stays live:\n%s", error
                )
