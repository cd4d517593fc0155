"""Training an NLU-only Rasa model per pipeline (or reusing one with the same inputs) and
parsing every test message with it (``make eval-nlu``).

Runs in the Rasa environment (Python 3.10, ``scripts/eval_nlu.py``): imports only the standard
library at import time; Rasa, scikit-learn and PyYAML inside the functions that need them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.evaluation.nlu_data import FALLBACK, NLU_DATA, ROOT, Item

CUSTOM_CODE = ROOT / "assistant" / "nlu"


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
            chunk = process.stdout.read1(4096) if process.stdout else b""  # type: ignore[attr-defined]
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

