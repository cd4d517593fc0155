"""Where a KB turn's time goes, for ``make bench``.

Rasa's side comes from ``benchmarks/rasa_breakdown.py`` (run in the Rasa environment against
the running product: every graph node timed by Rasa's own hook, and the action call as the
rest of the turn). The action's KB work is timed here, in-process, on the same KB and model:
embedding, cosine search, the entry classifier, the out-of-scope neighbour check, and the
routing action's whole evidence gathering (one to three embeddings).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RASA_PYTHON = PROJECT_ROOT / ".venvs" / "rasa" / "bin" / "python"

# Graph node name fragments -> the stage they belong to (first match wins).
STAGES = [
    ("LanguageDetector", "language detection"),
    ("Tokenizer", "tokenizer (spaCy)"),
    ("CountVectorsFeaturizer", "featurizers"),
    ("DIETClassifier", "DIET"),
    ("Policy", "dialogue policies"),
    ("tracker store", "tracker store (SQL, SQLite file)"),
]


def stage(node: str) -> str:
    return next((name for fragment, name in STAGES if fragment in node), "other graph nodes")


def rasa_stages(model: Path, actions_url: str, token: str, texts: list[str]) -> dict[str, float]:
    """p50 ms per stage of a Rasa turn, the action call included (turn minus graph nodes)."""
    script = Path(__file__).with_name("rasa_breakdown.py")
    completed = subprocess.run(
        [str(RASA_PYTHON), str(script), str(model), actions_url, *texts],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "ACTION_ENDPOINT_TOKEN": token},  # not in argv: ps shows that
    )
    if completed.returncode != 0:
        raise RuntimeError(f"rasa_breakdown.py failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    per_turn: dict[str, list[float]] = defaultdict(list)
    for turn in range(result["turns"]):
        tally: dict[str, float] = defaultdict(float)
        for node, values in result["nodes"].items():
            if turn < len(values):
                tally[stage(node)] += values[turn]
        for name, ms in tally.items():
            per_turn[name].append(ms)
        per_turn["action call (HTTP + routing action)"].append(
            result["total_ms"][turn] - sum(tally.values())
        )
    per_turn["whole Rasa turn"] = result["total_ms"]
    return {name: statistics.median(values) for name, values in per_turn.items()}


def _p50(function: Callable[[], object], repeat: int = 1) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def kb_stages(texts: list[str]) -> dict[str, float]:
    """p50 ms of each piece of the routing action's KB work, on the real KB and model."""
    from assistant.core.config import Settings
    from assistant.embeddings.onnx_encoder import load_encoder
    from assistant.kb import loader
    from assistant.kb.classifier import ClassifierSettings
    from assistant.kb.live import LiveKnowledgeBase
    from assistant.kb.retriever import Thresholds
    from assistant.routing.decision import RoutingThresholds
    from assistant.routing.evidence import gather_evidence

    settings = Settings()
    encoder = load_encoder(settings)
    live = LiveKnowledgeBase(
        None,  # type: ignore[arg-type]  # built from the files, no store needed
        encoder,
        Thresholds(),
        classifier_settings=ClassifierSettings(),
        cache_dir=settings.cache_dir,
    )
    retriever = live.build(loader.load_entries(settings.kb_dir))
    index, classifier, neighbours = retriever.index, retriever.classifier, retriever.neighbours
    assert classifier is not None and neighbours is not None
    routing = RoutingThresholds()
    stages: dict[str, list[float]] = defaultdict(list)
    for text in texts * 2:
        vector = encoder.encode([text], "query")[0]
        stages["embedding (e5-small, one text)"].append(
            _p50(lambda: encoder.encode([text], "query"))  # noqa: B023
        )
        stages["cosine search"].append(
            _p50(lambda: np.argsort(-index.scores(vector))[:5], 5)  # noqa: B023
        )
        stages["entry classifier"].append(_p50(lambda: classifier.rank(vector), 5))  # noqa: B023
        stages["out-of-scope neighbours"].append(_p50(lambda: neighbours.nearest(vector), 5))  # noqa: B023
        stages["routing evidence, whole"].append(
            _p50(lambda: gather_evidence(retriever, text, None, False, routing))  # noqa: B023
        )
    return {name: statistics.median(values) for name, values in stages.items()}
