"""Retrieval metrics over the held-out questions: ranking quality, decisions, cross-lingual.

Every function takes per-item results keyed by item id, so the same code scores the production
retriever and every baseline, on all items or on one language or one half.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from assistant.evaluation.dataset import EvalItem
from assistant.kb.retriever import Decision

Outcome = Literal["answer_correct", "answer_wrong", "clarify_right", "clarify_wrong", "no_answer"]
OUTCOMES: tuple[Outcome, ...] = (
    "answer_correct",
    "answer_wrong",
    "clarify_right",
    "clarify_wrong",
    "no_answer",
)
# What a decision is worth to the visitor, used only to compare threshold settings: a wrong
# answer costs as much as a right one earns; a "none" question left unanswered earns like a
# right answer; a clarification earns half when it offers the right entry.
_UTILITY: dict[Outcome, float] = {
    "answer_correct": 1.0,
    "answer_wrong": -1.0,
    "clarify_right": 0.5,
    "clarify_wrong": -0.25,
    "no_answer": 0.0,
}


def first_right_rank(ranked: Sequence[str], item: EvalItem) -> int | None:
    """1-based rank of the first acceptable entry, or None."""
    for rank, entry_id in enumerate(ranked, start=1):
        if entry_id in item.acceptable:
            return rank
    return None


def ranking_metrics(items: Iterable[EvalItem], rankings: Mapping[str, Sequence[str]]) -> dict:
    """Top-1 accuracy, recall@3 and MRR over the answerable items."""
    ranks = [first_right_rank(rankings[i.id], i) for i in items if i.answerable]
    n = len(ranks)
    if not n:
        return {"n": 0, "top1": 0.0, "recall3": 0.0, "mrr": 0.0}
    return {
        "n": n,
        "top1": sum(r == 1 for r in ranks) / n,
        "recall3": sum(r is not None and r <= 3 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r is not None) / n,
    }


def outcome(decision: Decision, item: EvalItem) -> Outcome:
    offered = {c.entry.id for c in decision.candidates}
    if decision.kind == "none":
        return "no_answer"
    if decision.kind == "answer":
        return "answer_correct" if offered & item.acceptable else "answer_wrong"
    return "clarify_right" if offered & item.acceptable else "clarify_wrong"


def threshold_outcome(
    top_entry: str, top_score: float, threshold: float, item: EvalItem
) -> Outcome:
    """The outcome of the simplest rule, used for baselines: answer the top entry above a score."""
    if top_score < threshold:
        return "no_answer"
    return "answer_correct" if top_entry in item.acceptable else "answer_wrong"


def utility(items: Iterable[EvalItem], outcomes: Mapping[str, Outcome]) -> float:
    total = 0.0
    for item in items:
        result = outcomes[item.id]
        total += 1.0 if (not item.answerable and result == "no_answer") else _UTILITY[result]
    return total


def decision_metrics(items: Iterable[EvalItem], outcomes: Mapping[str, Outcome]) -> dict:
    """Shares of each outcome on answerable items; how "none" items fare; no-answer P/R."""
    items = list(items)
    answerable = [i for i in items if i.answerable]
    unanswerable = [i for i in items if not i.answerable]
    counts = Counter(outcomes[i.id] for i in answerable)
    none_counts = Counter(outcomes[i.id] for i in unanswerable)
    said_none = [i for i in items if outcomes[i.id] == "no_answer"]
    n = len(answerable) or 1
    m = len(unanswerable) or 1
    return {
        "n_answerable": len(answerable),
        "n_none": len(unanswerable),
        **{f"{name}": counts[name] / n for name in OUTCOMES},
        "none_not_answered": none_counts["no_answer"] / m,
        "none_clarified": none_counts["clarify_wrong"] / m,
        "none_answered": none_counts["answer_wrong"] / m,
        "no_answer_precision": (
            sum(not i.answerable for i in said_none) / len(said_none) if said_none else 0.0
        ),
        "no_answer_recall": none_counts["no_answer"] / m,
        "utility_per_item": utility(items, outcomes) / (len(items) or 1),
    }


def cross_lingual_agreement(items: Iterable[EvalItem], top1: Mapping[str, str]) -> dict:
    """Share of French/English twin questions whose top-1 entries are the same."""
    items = list(items)
    present = {i.id for i in items}
    pairs = {tuple(sorted((i.id, i.pair))) for i in items if i.pair and i.pair in present}
    same = sum(top1[a] == top1[b] for a, b in pairs)
    return {"pairs": len(pairs), "agreement": same / len(pairs) if pairs else 0.0}


def by_language(items: Sequence[EvalItem]) -> list[tuple[str, list[EvalItem]]]:
    return [
        ("fr", [i for i in items if i.language == "fr"]),
        ("en", [i for i in items if i.language == "en"]),
        ("all", list(items)),
    ]


def confusions(
    items: Iterable[EvalItem], rankings: Mapping[str, Sequence[str]]
) -> list[tuple[str, str, int]]:
    """(expected entry, entry ranked first instead, count), most frequent first."""
    counter: Counter[tuple[str, str]] = Counter()
    for item in items:
        top = rankings[item.id][0] if rankings[item.id] else ""
        if item.answerable and top not in item.acceptable:
            counter[(item.expected, top)] += 1
    return [(expected, got, n) for (expected, got), n in counter.most_common()]


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0..1) of ``values`` (latency reports)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
