#!/usr/bin/env python3
"""Intent classification and out-of-scope rejection of our NLU pipeline vs a plain Rasa baseline.

Run from the project root with the Rasa environment (``make eval-nlu``)::

    .venvs/rasa/bin/python scripts/eval_nlu.py [--skip-baseline] [--json out.json] [--model-dir DIR]

What it does: trains an NLU-only model on ``data/nlu`` for ``config.yml`` (the chosen pipeline)
and ``configs/baseline.yml`` (WhitespaceTokenizer + CountVectorsFeaturizer + default DIET, same
epochs, seed and FallbackClassifier), parses every test message with each model and prints, per
language and overall:

- macro precision / recall / F1 over the in-scope intents (out_of_scope excluded). Out-of-scope
  messages still count: one predicted as ``invest`` is a false positive of ``invest``;
- accuracy over all messages of the slice;
- out-of-scope recall, strict (predicted ``out_of_scope``) and "rejected" (``out_of_scope`` or
  ``nlu_fallback``: either way the assistant does not answer as if the question were in scope).
  ``nlu_fallback`` on an in-scope message is an error;
- the most frequent confusions of the chosen pipeline, the chosen/baseline ratios, the training
  time and the median parse latency of each pipeline.

Why the numbers are honest:

- ``tests/data/nlu_eval_{fr,en}.yml`` (8 messages per intent and language) and
  ``tests/data/nlu_fr_oos_eval.txt`` (100 French out-of-scope messages) were written
  independently of the training data and are never used for training;
- English out-of-scope probes come from CLINC150 ``val`` and ``oos_val``, which no training file
  draws from (``scripts/extract_clinc_oos.py`` reads ``train`` / ``oos_train`` only): a
  deterministic sample of 300 ``val`` queries from intents outside the Bureau's remit, all 100
  ``oos_val`` queries, and the ``val`` queries of the small talk / dialogue intents the assistant
  does handle (greeting -> greet, yes -> affirm, ...) as extra in-scope probes;
- any test message that also appears verbatim in data/nlu (case and spaces ignored) is dropped
  and the number dropped is printed;
- models are trained from scratch (Rasa's training cache is disabled) unless ``--model-dir`` is
  given, in which case a model is reused only if its config, data/nlu and assistant/nlu are
  byte-identical to those it was trained on.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
)
sys.path.insert(0, str(ROOT))

NLU_DATA = ROOT / "data" / "nlu"
EVAL_FR = ROOT / "tests" / "data" / "nlu_eval_fr.yml"
EVAL_EN = ROOT / "tests" / "data" / "nlu_eval_en.yml"
FR_OOS = ROOT / "tests" / "data" / "nlu_fr_oos_eval.txt"
CLINC = ROOT / "datasets" / "clinc150" / "clinc150_train_val.json"
CUSTOM_CODE = ROOT / "assistant" / "nlu"

PIPELINES = {"chosen": ROOT / "config.yml", "baseline": ROOT / "configs" / "baseline.yml"}

OOS = "out_of_scope"
FALLBACK = "nlu_fallback"
REJECTED = {OOS, FALLBACK}

# CLINC150 val intents the assistant handles itself (in-scope probes) and the one left out.
CLINC_IN_SCOPE = {
    "greeting": "greet",
    "goodbye": "goodbye",
    "thank_you": "thank",
    "are_you_a_bot": "bot_challenge",
    "what_can_i_ask_you": "ask_capabilities",
    "yes": "affirm",
    "no": "deny",
    "cancel": "cancel",
    "change_language": "switch_language",
}
CLINC_EXCLUDED = {"who_do_you_work_for"}
CLINC_OOS_SAMPLE = 300
TOP_CONFUSIONS = 8


@dataclass
class Item:
    text: str
    label: str
    language: str  # "fr" or "en"
    source: str  # which test set it comes from


@dataclass
class Run:
    """One trained pipeline and its predictions on every test item."""

    name: str
    config: Path
    train_seconds: float = 0.0
    predictions: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    best_guesses: list[str] = field(default_factory=list)  # top intent other than nlu_fallback
    latencies: list[float] = field(default_factory=list)


# --------------------------------------------------------------------------- test data


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_yaml_items(path: Path, language: str, source: str) -> list[Item]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))  # strips entity markup
    return [Item(m.get("text"), m.get("intent"), language, source) for m in data.intent_examples]


def load_fr_oos(path: Path) -> list[Item]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Item(t.strip(), OOS, "fr", "fr out-of-scope") for t in lines if t.strip()]


def sha_order(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_clinc(path: Path) -> list[Item]:
    """CLINC150 val as English probes: mapped small talk, 300 sampled out-of-scope, all oos_val."""
    data = json.loads(path.read_text(encoding="utf-8"))
    small_talk, others = [], []
    for text, intent in data["val"]:
        if intent in CLINC_IN_SCOPE:
            small_talk.append(Item(text, CLINC_IN_SCOPE[intent], "en", "clinc small talk"))
        elif intent not in CLINC_EXCLUDED:
            others.append(text)
    sample = sorted(set(others), key=lambda t: (sha_order(t), t))[:CLINC_OOS_SAMPLE]
    oos = [Item(t, OOS, "en", "clinc out-of-scope") for t in sample]
    oos += [Item(t, OOS, "en", "clinc out-of-scope") for t, _ in data["oos_val"]]
    return small_talk + oos


def training_texts() -> set:
    from rasa.shared.nlu.training_data.loading import load_data

    return {normalise(m.get("text")) for m in load_data(str(NLU_DATA)).training_examples}


def load_test_items() -> tuple[list[Item], Counter]:
    """All test items, minus those also present verbatim in the training data."""
    items = (
        load_yaml_items(EVAL_FR, "fr", "fr held-out")
        + load_yaml_items(EVAL_EN, "en", "en held-out")
        + load_fr_oos(FR_OOS)
        + load_clinc(CLINC)
    )
    seen = training_texts()
    dropped = Counter(i.source for i in items if normalise(i.text) in seen)
    return [i for i in items if normalise(i.text) not in seen], dropped


# --------------------------------------------------------------------------- training


def fingerprint(config: Path) -> str:
    """Hash of everything a model depends on: its config, data/nlu and our custom components."""
    digest = hashlib.sha256(config.read_bytes())
    for folder, pattern in ((NLU_DATA, "*.y*ml"), (CUSTOM_CODE, "*.py")):
        for path in sorted(folder.rglob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    import rasa

    digest.update(rasa.__version__.encode())
    return digest.hexdigest()[:16]


_EPOCH = re.compile(r"Epochs:\s+\d+%.*?(\d+)/(\d+) \[([\d:]+)<")


def stream_progress(process: subprocess.Popen, log_path: Path, label: str) -> None:
    """Copy Rasa's output to a log file, showing only component names and DIET epochs."""
    interactive = sys.stdout.isatty()
    last_shown = ""
    with open(log_path, "wb") as log:
        buffer = b""
        while True:
            chunk = process.stdout.read1(4096) if process.stdout else b""
            if not chunk:
                break
            log.write(chunk)
            buffer += chunk
            *lines, buffer = re.split(rb"[\r\n]", buffer)
            for raw in lines:
                line = raw.decode("utf-8", "replace")
                match = _EPOCH.search(line)
                if match:
                    done, total, elapsed = match.groups()
                    shown = f"  {label}: DIET epoch {done}/{total} ({elapsed})"
                    if shown != last_shown and (interactive or int(done) % 10 == 0):
                        print(("\r" if interactive else "") + shown, end="" if interactive else "\n",
                              flush=True)
                        last_shown = shown
                elif "Starting to train component" in line:
                    component = line.rsplit("component", 1)[1].strip(" '.")
                    if interactive and last_shown:
                        print()
                    print(f"  {label}: training {component}", flush=True)
                    last_shown = ""
    if interactive and last_shown:
        print()


def train(run: Run, out_dir: Path) -> Path:
    """Train an NLU-only model for run.config in out_dir (or reuse one with the same inputs)."""
    stamp = fingerprint(run.config)
    model = out_dir / f"{run.name}-{stamp}.tar.gz"
    meta = out_dir / f"{run.name}-{stamp}.json"
    if model.exists() and meta.exists():
        run.train_seconds = json.loads(meta.read_text())["train_seconds"]
        print(f"  {run.name}: reusing {model.name} (trained in {run.train_seconds:.0f} s)")
        return model
    env = dict(os.environ, RASA_MAX_CACHE_SIZE="0",
               RASA_CACHE_DIRECTORY=str(out_dir / "rasa-cache"))
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(run.config),
               "--nlu", str(NLU_DATA), "--out", str(out_dir), "--fixed-model-name", meta.stem]
    log_path = out_dir / f"{run.name}-train.log"
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    stream_progress(process, log_path, run.name)
    if process.wait() != 0 or not model.exists():
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"training {run.config} failed, last output:\n{tail}")
    run.train_seconds = time.perf_counter() - start
    meta.write_text(json.dumps({"train_seconds": run.train_seconds, "config": str(run.config)}))
    print(f"  {run.name}: trained in {run.train_seconds:.0f} s")
    return model


# --------------------------------------------------------------------------- prediction


def quiet_rasa() -> None:
    """Silence Rasa's and TensorFlow's log lines and warnings in this process."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    warnings.filterwarnings("ignore")
    warnings.showwarning = lambda *args, **kwargs: None  # TF/jax re-enable some filters
    configure_structlog(logging.ERROR)  # Rasa's structlog debug lines (one per parse)
    logging.disable(logging.WARNING)


async def predict(run: Run, model: Path, items: Sequence[Item]) -> None:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    await agent.parse_message("bonjour")  # warm-up, not timed
    for n, item in enumerate(items, 1):
        start = time.perf_counter()
        parsed = await agent.parse_message(item.text)
        run.latencies.append(time.perf_counter() - start)
        intent = parsed.get("intent") or {}
        run.predictions.append(intent.get("name") or FALLBACK)
        run.confidences.append(float(intent.get("confidence") or 0.0))
        ranking = [r["name"] for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK]
        run.best_guesses.append(ranking[0] if ranking else "")
        if n % 250 == 0 or n == len(items):
            print(f"  {run.name}: parsed {n}/{len(items)}", flush=True)


# --------------------------------------------------------------------------- metrics


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


# --------------------------------------------------------------------------- report


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


def check_baseline_matches(chosen: Path, baseline: Path) -> None:
    """Warn when the baseline's fallback thresholds or policies drift from config.yml."""
    import yaml

    def part(path: Path) -> tuple[dict | None, list]:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        fallback = next((c for c in config["pipeline"] if c["name"] == "FallbackClassifier"), None)
        return fallback, config.get("policies", [])

    if part(chosen) != part(baseline):
        print(f"WARNING: {baseline.relative_to(ROOT)} has a different FallbackClassifier or "
              f"policies than {chosen.relative_to(ROOT)}; the comparison is not like for like.")


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-baseline", action="store_true",
                        help="evaluate config.yml only (about 4 minutes instead of 12)")
    parser.add_argument("--json", type=Path, help="also write metrics and predictions here")
    parser.add_argument("--model-dir", type=Path,
                        help="keep trained models here and reuse them while their config, "
                             "data/nlu and assistant/nlu are unchanged (default: train afresh "
                             "in a temporary directory)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    quiet_rasa()
    names = ["chosen"] if args.skip_baseline else ["chosen", "baseline"]
    runs = [Run(name, PIPELINES[name]) for name in names]
    if not args.skip_baseline:
        check_baseline_matches(PIPELINES["chosen"], PIPELINES["baseline"])

    items, dropped = load_test_items()
    counts = Counter(i.source for i in items)
    print("Test sets: " + ", ".join(f"{s} {n}" for s, n in counts.items()))
    if dropped:
        print("Dropped (also in data/nlu): " + ", ".join(f"{s} {n}" for s, n in dropped.items()))

    with tempfile.TemporaryDirectory(prefix="eval-nlu-") as tmp:
        out_dir = args.model_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for index, run in enumerate(runs, 1):
            print(f"\n[{index}/{len(runs)}] {run.name}: {run.config.relative_to(ROOT)}")
            model = train(run, out_dir)
            asyncio.run(predict(run, model, items))

    groups, source_groups = slices(items), by_source(items)
    results = {run.name: evaluate(run, items, groups) for run in runs}
    sources = {run.name: evaluate(run, items, source_groups) for run in runs}
    top = {lang: confusions(runs[0], items, groups[lang]) for lang in ("fr", "en", "all")}
    print_report(runs, items, results, sources, top)

    if args.json:
        write_json(args.json, runs, items, results, sources, top, dropped)
        print(f"\nWrote {args.json}")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
