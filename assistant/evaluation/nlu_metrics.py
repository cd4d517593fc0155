"""Scores of the NLU evaluation (``make eval-nlu``): macro precision, recall and F1 over the
in-scope intents, accuracy, out-of-scope recall, and the most frequent confusions.

Runs in the Rasa environment (Python 3.10, ``scripts/eval_nlu.py``): imports only the standard
library at import time; Rasa, scikit-learn and PyYAML inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.evaluation.nlu_data import OOS, REJECTED, Item
from assistant.evaluation.nlu_run import Run

TOP_CONFUSIONS = 8


def is_correct(label: str, prediction: str) -> bool:
    return prediction == label or (label == OOS and prediction in REJECTED)


def slice_metrics(labels: list[str], predictions: list[str]) -> dict[str, float]:
    from sklearn.metrics import precision_recall_fscore_support

    intents = sorted(set(labels) - {OOS})
    precision, recall, f1, _ = precision_recall_fscore_support(
        labels, predictions, labels=intents, average="macro", zero_division=0
    )
    oos = [p for t, p in zip(labels, predictions, strict=True) if t == OOS]
    in_scope = [(t, p) for t, p in zip(labels, predictions, strict=True) if t != OOS]
    return {
        "n": len(labels),
        "macro_precision": float(precision),
        "macro_recall": float(recall),
        "macro_f1": float(f1),
        "accuracy": sum(map(is_correct, labels, predictions)) / len(labels),
        "oos_recall_strict": sum(p == OOS for p in oos) / len(oos) if oos else float("nan"),
        "oos_recall_rejected": sum(p in REJECTED for p in oos) / len(oos) if oos else float("nan"),
        "in_scope_rejected": sum(p in REJECTED for _, p in in_scope) / len(in_scope)
        if in_scope else float("nan"),
    }


def slices(items: Sequence[Item]) -> dict[str, list[int]]:
    """Indices of the items of each language, and of all items."""
    out: dict[str, list[int]] = {"fr": [], "en": []}
    for index, item in enumerate(items):
        out[item.language].append(index)
    out["all"] = list(range(len(items)))
    return out


def by_source(items: Sequence[Item]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        out.setdefault(item.source, []).append(index)
    return out


def evaluate(run: Run, items: Sequence[Item], groups: dict[str, list[int]]) -> dict[str, dict]:
    return {
        name: slice_metrics([items[i].label for i in idx], [run.predictions[i] for i in idx])
        for name, idx in groups.items()
    }


def confusions(run: Run, items: Sequence[Item], indices: Iterable[int]) -> list[dict]:
    """Most frequent (true, predicted) errors, with up to two example messages each."""
    errors: dict[tuple[str, str], list[str]] = {}
    for i in indices:
        if not is_correct(items[i].label, run.predictions[i]):
            errors.setdefault((items[i].label, run.predictions[i]), []).append(items[i].text)
    ranked = sorted(errors.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_CONFUSIONS]
    return [{"true": t, "predicted": p, "count": len(texts), "examples": texts[:2]}
            for (t, p), texts in ranked]


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

