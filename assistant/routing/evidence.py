"""The KB's evidence on one visitor message, for the router.

Read on the question (courtesies set aside), on each question of a message that asks several,
and on a short follow-up read with the previous question; the follow-up reading costs a second
embedding, so it is made only when it can matter (follow-up wording, or no confident entry).
Blocking (embeds texts): run it in a thread from async code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.kb.retriever import Evidence, Retriever
from assistant.routing.decision import RoutingThresholds, confident_entry
from assistant.routing.history import follow_up_reading
from assistant.routing.text import question_parts, word_count


@dataclass(frozen=True)
class MessageEvidence:
    question: Evidence | None = None  # None: nothing to look up ("?!" or an emoji alone)
    parts: list[Evidence] = field(default_factory=list)  # one per question of the message
    follow_up: Evidence | None = None


def gather_evidence(
    retriever: Retriever,
    question: str,
    previous: str | None,
    follow_up_wording: bool,
    thresholds: RoutingThresholds,
) -> MessageEvidence:
    """``previous``: the visitor's previous question, if any; ``follow_up_wording``: the message
    reads like a follow-up ("et pour …?")."""
    follow_up = follow_up_reading(previous, question, thresholds.follow_up_words)
    if not word_count(question):
        return MessageEvidence()
    whole, *parts = retriever.analyse([question, *question_parts(question)])
    follow_up_evidence: Evidence | None = None
    unsure = confident_entry(whole, thresholds) is None
    if follow_up and (follow_up_wording or unsure):
        [follow_up_evidence] = retriever.analyse([follow_up])
    return MessageEvidence(whole, parts, follow_up_evidence)
