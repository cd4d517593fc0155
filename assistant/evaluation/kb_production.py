"""The production retriever over the held-out questions (``make eval-kb``): per-question scores,
decisions and latency, the grid search of its thresholds on the tune half, and the report's
production details."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.evaluation import metrics
from assistant.evaluation.dataset import EvalItem
from assistant.evaluation.rankers import ProgressEncoder
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.models import Entry
from assistant.kb.retriever import Candidate, Retriever, Thresholds, decide

DECISION_LIMIT = 5  # Retriever.decide searches this many candidates


def say(line: str) -> None:
    """A progress line, on stderr so that stdout holds only the report."""
    print(line, file=sys.stderr, flush=True)


@dataclass
class ProductionRun:
    """Per-question results of the production retriever."""

    scores: np.ndarray  # (questions, entries), questions = items then probes
    candidates: dict[str, list[Candidate]]  # item id -> top candidates
    outcomes: dict[str, metrics.Outcome]
    offered: dict[str, list[str]]  # item id -> entries answered with or offered as choices
    closest_language: dict[str, str]  # item id -> language of the closest KB phrasing
    probe_kinds: list[str]
    probe_candidates: list[list[Candidate]]
    latencies_ms: list[float]
    index: KBIndex
    extra: dict = field(default_factory=dict)


def run_production(
    entries: list[Entry],
    items: list[EvalItem],
    probes: list[str],
    encoder: Encoder,
    thresholds: Thresholds,
) -> ProductionRun:
    started = time.perf_counter()
    index = KBIndex.build(entries, ProgressEncoder(encoder, "e5 index"))
    say(f"  e5 index: {index.embedded_texts} texts in {time.perf_counter() - started:.1f} s")
    retriever = Retriever(encoder, index, thresholds)
    position = {entry.id: n for n, entry in enumerate(entries)}
    texts = [i.text for i in items] + probes
    scores = np.full((len(texts), len(entries)), -np.inf)
    candidates: dict[str, list[Candidate]] = {}
    outcomes: dict[str, metrics.Outcome] = {}
    offered: dict[str, list[str]] = {}
    probe_kinds: list[str] = []
    probe_candidates: list[list[Candidate]] = []
    latencies: list[float] = []
    for row, text in enumerate(texts):
        if row and row % 100 == 0:
            say(f"  e5 questions: {row}/{len(texts)}")
        began = time.perf_counter()
        found = retriever.search(text, limit=len(entries))
        decision = decide(found[:DECISION_LIMIT], retriever.thresholds)
        latencies.append((time.perf_counter() - began) * 1000)
        for candidate in found:
            scores[row, position[candidate.entry.id]] = candidate.score
        if row < len(items):
            candidates[items[row].id] = found[:DECISION_LIMIT]
            outcomes[items[row].id] = metrics.outcome(decision, items[row])
            offered[items[row].id] = (
                [c.entry.id for c in decision.candidates] if decision.kind != "none" else []
            )
        else:
            probe_kinds.append(decision.kind)
            probe_candidates.append(found[:DECISION_LIMIT])
    return ProductionRun(
        scores=scores,
        candidates=candidates,
        outcomes=outcomes,
        offered=offered,
        closest_language=_closest_phrasing_language(index, encoder, items),
        probe_kinds=probe_kinds,
        probe_candidates=probe_candidates,
        latencies_ms=latencies,
        index=index,
    )


def _closest_phrasing_language(
    index: KBIndex, encoder: Encoder, items: list[EvalItem]
) -> dict[str, str]:
    phrasings = [n for n, row in enumerate(index.rows) if row.kind == "query"]
    vectors = encoder.encode([i.text for i in items], "query")
    best = np.argmax(vectors @ index.vectors[phrasings].T, axis=1)
    return {item.id: index.rows[phrasings[b]].language for item, b in zip(items, best, strict=True)}


def tune_thresholds(
    candidates: dict[str, list[Candidate]], tune: list[EvalItem], current: Thresholds
) -> Thresholds:
    """Grid search of the production decision thresholds, by utility on ``tune`` only."""
    best, best_utility = current, -float("inf")
    answers = np.round(np.arange(0.80, 0.925, 0.005), 3)
    clarifies = np.round(np.arange(0.76, 0.905, 0.01), 3)
    for answer, clarify, margin in itertools.product(
        answers, clarifies, (0.0, 0.005, 0.01, 0.015, 0.02, 0.03)
    ):
        if clarify > answer:
            continue
        setting = Thresholds(float(answer), float(clarify), margin, current.max_choices)
        outcomes = {i.id: metrics.outcome(decide(candidates[i.id], setting), i) for i in tune}
        value = metrics.utility(tune, outcomes)
        if value > best_utility + 1e-9:
            best, best_utility = setting, value
    return best


def production_details(
    run: ProductionRun,
    entries: list[Entry],
    items: list[EvalItem],
    halves: tuple[list[EvalItem], list[EvalItem]],
    thresholds: Thresholds,
    summary: dict,
) -> dict:
    tune, report = halves
    rankings = summary["_rankings"]
    by_id = {entry.id: entry for entry in entries}
    crossed = [i for i in items if i.answerable and run.closest_language[i.id] != i.language]
    tuned = tune_thresholds(run.candidates, tune, thresholds)
    tuned_outcomes = {i.id: metrics.outcome(decide(run.candidates[i.id], tuned), i) for i in items}
    kinds = run.probe_kinds
    tuned_probe_kinds = [decide(found, tuned).kind for found in run.probe_candidates]
    return {
        "thresholds": vars(thresholds),
        "decisions": {
            lang: metrics.decision_metrics(p, run.outcomes)
            for lang, p in metrics.by_language(items)
        },
        "cross_lingual_closest": {
            "items": len(crossed),
            "top1_right": sum(rankings[i.id][0] in i.acceptable for i in crossed),
            "answered_right": sum(run.outcomes[i.id] == "answer_correct" for i in crossed),
            "answer_in_question_language": sum(
                getattr(by_id[rankings[i.id][0]], i.language) is not None for i in crossed
            ),
            "ids": [i.id for i in crossed],
        },
        "probes": {
            "n": len(kinds),
            "not_answered": kinds.count("none") / len(kinds) if kinds else None,
            "clarified": kinds.count("clarify") / len(kinds) if kinds else None,
            "answered": kinds.count("answer") / len(kinds) if kinds else None,
        },
        "tuning": {
            "tuned_on": len(tune),
            "reported_on": len(report),
            "best_on_tune_half": vars(tuned),
            "report_half_production": metrics.decision_metrics(report, run.outcomes),
            "report_half_tuned": metrics.decision_metrics(report, tuned_outcomes),
            "probes_not_answered_production": _share(kinds, "none"),
            "probes_not_answered_tuned": _share(tuned_probe_kinds, "none"),
        },
        "latency_ms": {
            "p50": float(np.percentile(run.latencies_ms, 50)),
            "p95": float(np.percentile(run.latencies_ms, 95)),
        },
        "confusions": metrics.confusions(items, rankings),
        "items": [
            {
                "id": i.id,
                "language": i.language,
                "expected": i.expected,
                "top3": rankings[i.id][:3],
                "outcome": run.outcomes[i.id],
                "offered": run.offered[i.id],
                "top5": [[c.entry.id, round(c.score, 4)] for c in run.candidates[i.id]],
            }
            for i in items
        ],
    }


def _share(kinds: Sequence[str], kind: str) -> float | None:
    return kinds.count(kind) / len(kinds) if kinds else None
