"""Scoring any approach the same way (``make eval-kb``): its rankings per language, the
cross-lingual agreement, a no-answer threshold tuned on one half, and the BM25 fusion
experiment."""

from __future__ import annotations

import numpy as np

from assistant.evaluation import metrics
from assistant.evaluation.dataset import EvalItem
from assistant.evaluation.rankers import fused_scores
from assistant.kb.models import Entry

FUSION_WEIGHTS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3)


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
        "ranking": {
            lang: metrics.ranking_metrics(part, rankings)
            for lang, part in metrics.by_language(items)
        },
        "cross_lingual": metrics.cross_lingual_agreement(items, top1),
        "tuned_threshold": threshold,
        "threshold_decisions_report_half": {
            lang: metrics.decision_metrics(part, outcomes)
            for lang, part in metrics.by_language(report)
        },
        "probes_not_answered": float(np.mean(probe_top < threshold)) if n_probes else None,
        "_rankings": rankings,
    }


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
