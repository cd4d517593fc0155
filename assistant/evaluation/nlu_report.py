"""Prints the ``make eval-nlu`` report as plain-text tables, and writes it as JSON.

Runs in the Rasa environment (Python 3.10, ``scripts/eval_nlu.py``): imports only the standard
library at import time; Rasa, scikit-learn and PyYAML inside the functions that need them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from assistant.evaluation.nlu_data import Item
from assistant.evaluation.nlu_metrics import TOP_CONFUSIONS, percentile
from assistant.evaluation.nlu_run import Run


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in
                       enumerate(zip(row, widths, strict=True))) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value: object) -> str:
    if isinstance(value, float):
        return "-" if value != value else f"{value:.3f}"
    return str(value)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


METRIC_COLUMNS = [("macro-P", "macro_precision"), ("macro-R", "macro_recall"),
                  ("macro-F1", "macro_f1"), ("acc", "accuracy"),
                  ("OOS strict", "oos_recall_strict"), ("OOS rejected", "oos_recall_rejected"),
                  ("in-scope rejected", "in_scope_rejected")]


def print_report(runs: list[Run], items: list[Item], results: dict[str, dict],
                 sources: dict[str, dict], top: dict[str, list[dict]]) -> None:
    print("\n== Intents and out-of-scope, per language "
          "(macro over in-scope intents; 'rejected' = out_of_scope or nlu_fallback)")
    rows = []
    for language in ("fr", "en", "all"):
        for run in runs:
            m = results[run.name][language]
            rows.append([language, run.name, m["n"]] + [m[key] for _, key in METRIC_COLUMNS])
    print(table(["slice", "pipeline", "n"] + [h for h, _ in METRIC_COLUMNS], rows))

    if len(runs) == 2:
        print("\n== Chosen / baseline")
        rows = []
        for language in ("fr", "en", "all"):
            c, b = results["chosen"][language], results["baseline"][language]
            rows.append([language, ratio(c["macro_f1"], b["macro_f1"]),
                         ratio(c["oos_recall_strict"], b["oos_recall_strict"]),
                         ratio(c["oos_recall_rejected"], b["oos_recall_rejected"])])
        print(table(["slice", "macro-F1", "OOS strict", "OOS rejected"], rows))

    print("\n== Per test set: accuracy, and share rejected (out_of_scope or nlu_fallback)")
    rows = []
    for source, first in sources[runs[0].name].items():
        rejected = "oos_recall_rejected" if source.endswith("out-of-scope") else "in_scope_rejected"
        rows.append([source, first["n"]] + [sources[run.name][source]["accuracy"] for run in runs]
                    + [sources[run.name][source][rejected] for run in runs])
    print(table(["test set", "n"] + [f"acc {run.name}" for run in runs]
                + [f"rejected {run.name}" for run in runs], rows))

    print("\n== Cost")
    rows = [[run.name, run.train_seconds, 1000 * percentile(run.latencies, 0.5),
             1000 * percentile(run.latencies, 0.9)] for run in runs]
    print(table(["pipeline", "train s", "parse p50 ms", "parse p90 ms"], rows))

    for language in ("fr", "en"):
        print(f"\n== Top {TOP_CONFUSIONS} confusions of the chosen pipeline, {language}")
        rows = [[f"{c['true']} -> {c['predicted']}", c["count"], shorten(c["examples"][0])]
                for c in top[language]]
        print(table(["true -> predicted", "n", "example"], rows))


def shorten(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_json(path: Path, runs: list[Run], items: list[Item], results: dict, sources: dict,
               top: dict, dropped: Counter) -> None:
    report = {
        "metrics": results,
        "per_test_set": sources,
        "top_confusions_chosen": top,
        "dropped_as_in_training_data": dict(dropped),
        "cost": {run.name: {"train_seconds": run.train_seconds,
                            "parse_p50_ms": 1000 * percentile(run.latencies, 0.5),
                            "parse_p90_ms": 1000 * percentile(run.latencies, 0.9)}
                 for run in runs},
        "predictions": [
            {"text": item.text, "label": item.label, "language": item.language,
             "source": item.source,
             **{run.name: {"intent": run.predictions[i], "confidence": run.confidences[i],
                           "best_guess": run.best_guesses[i]} for run in runs}}
            for i, item in enumerate(items)
        ],
    }
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")

