"""What the assistant would answer with a draft, before it is published.

The production ``Retriever`` and decision rules run on the live index plus the draft entry
(replacing the published version of the same id); only the draft's texts are embedded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.core.i18n import t
from assistant.kb.answer import answer_text
from assistant.kb.index import KBIndex
from assistant.kb.models import Entry
from assistant.kb.retriever import Retriever


@dataclass(frozen=True)
class PreviewCandidate:
    entry_id: str
    title: str
    score: float
    is_draft: bool


@dataclass(frozen=True)
class Preview:
    kind: Literal["answer", "clarify", "none"]
    reply: str  # the assistant's message, as the visitor would read it
    candidates: list[PreviewCandidate]

    @property
    def answered_by_draft(self) -> bool:
        return self.kind == "answer" and self.candidates[0].is_draft


def preview_answer(live: Retriever, draft: Entry, question: str, language: str) -> Preview:
    """Blocking (embeds the draft's texts): run it in a thread from async code."""
    index = live.index
    entries = [entry for entry in index.entries if entry.id != draft.id] + [draft]
    retriever = Retriever(
        live.encoder, KBIndex.build(entries, live.encoder, index.detached()), live.thresholds
    )
    decision = retriever.decide(question)
    shown = decision.candidates if decision.kind != "none" else retriever.search(question, 3)
    candidates = [
        PreviewCandidate(c.entry.id, c.entry.content(language).title, c.score, c.entry is draft)
        for c in shown
    ]
    if decision.kind == "answer":
        reply = answer_text(decision.candidates[0].entry, language)
    elif decision.kind == "clarify":
        key = "kb_clarify" if len(decision.candidates) > 1 else "kb_clarify_one"
        reply = t(key, language)
    else:
        reply = t("kb_no_answer", language)
    return Preview(decision.kind, reply, candidates)
