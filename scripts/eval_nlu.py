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

The test data, training, scoring and report live in ``assistant/evaluation/nlu_*.py``; this
script only ties them together.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
)
sys.path.insert(0, str(ROOT))

from assistant.evaluation.nlu_data import load_test_items  # noqa: E402
from assistant.evaluation.nlu_metrics import by_source, confusions, evaluate, slices  # noqa: E402
from assistant.evaluation.nlu_report import print_report, write_json  # noqa: E402
from assistant.evaluation.nlu_run import Run, predict, quiet_rasa, train  # noqa: E402

PIPELINES = {"chosen": ROOT / "config.yml", "baseline": ROOT / "configs" / "baseline.yml"}


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


if __name__ == "__main__":
    sys.exit(main())
