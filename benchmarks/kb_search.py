"""KB query latency (embedding + search + decision) and index build time, on the real KB and on
10,000 synthetic entries, with peak memory; a plain brute-force numpy search as the baseline.

The synthetic entries recombine the real titles, phrasings and answers, so their texts are
already embedded once the real index exists: the 10,000-entry build below measures assembling
the index from cached vectors, and the cold figure for unique texts is estimated from the
measured embedding rate (printed as such). Bounded: 200 questions per KB size, about a minute
on an idle 2-core machine. Run with ``make bench-kb``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.core.config import get_settings  # noqa: E402
from assistant.embeddings.onnx_encoder import load_encoder  # noqa: E402
from assistant.evaluation.dataset import load_items  # noqa: E402
from assistant.kb.index import KBIndex  # noqa: E402
from assistant.kb.loader import load_entries  # noqa: E402
from assistant.kb.models import Entry, LocalizedContent  # noqa: E402
from assistant.kb.retriever import Retriever, Thresholds  # noqa: E402

QUESTIONS = 200
SYNTHETIC_ENTRIES = 10_000
TOP = 5


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def rss_mb(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def synthetic_entries(entries: list[Entry], count: int, seed: int = 10_000) -> list[Entry]:
    """New entries whose titles, phrasings and answers are real ones, recombined at random."""
    rng = random.Random(seed)
    pools = {
        language: {
            "title": [e.content(language).title for e in entries],
            "answer": [e.content(language).answer for e in entries],
            "questions": [q for e in entries for q in e.content(language).questions],
        }
        for language in ("fr", "en")
    }

    def content(language: str) -> LocalizedContent:
        pool = pools[language]
        return LocalizedContent(
            title=rng.choice(pool["title"]),
            answer=rng.choice(pool["answer"]),
            questions=rng.sample(pool["questions"], 5),
        )

    return [
        entries[n % len(entries)].model_copy(
            update={"id": f"synthetic-{n:05d}", "fr": content("fr"), "en": content("en")}
        )
        for n in range(count)
    ]


def with_one_change(entries: list[Entry]) -> list[Entry]:
    changed = entries[0]
    french = changed.content("fr")
    edited = french.model_copy(update={"questions": [*french.questions, "Une formulation ajoutée"]})
    return [changed.model_copy(update={"fr": edited}), *entries[1:]]


def brute_force_top(vectors: np.ndarray, owners: np.ndarray, query: np.ndarray) -> list[int]:
    """Baseline: every row's cosine, sorted, first TOP distinct entries."""
    order = np.argsort(-(vectors @ query))
    found: list[int] = []
    for row in order:
        owner = int(owners[row])
        if owner not in found:
            found.append(owner)
            if len(found) == TOP:
                break
    return found


def timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - started) * 1000, result


def measure(label: str, retriever: Retriever, questions: list[str]) -> dict:
    index = retriever.index
    vectors = retriever.encoder.encode(questions, "query")
    owners = np.asarray([row.entry for row in index.rows], dtype=np.int64)
    turn = [timed(retriever.decide, q)[0] for q in questions]
    search = [timed(lambda v: np.argsort(-index.scores(v))[:TOP], v)[0] for v in vectors]
    brute = [timed(brute_force_top, index.vectors, owners, v)[0] for v in vectors]
    return {
        "label": label,
        "entries": len(index.entries),
        "rows": len(index.rows),
        "index_mb": index.vectors.nbytes / 2**20,
        "turn": turn,
        "search": search,
        "brute": brute,
    }


def measure_with_spinning_blas(label: str, retriever: Retriever, questions: list[str]) -> dict:
    """The same with numpy's OpenBLAS on every core, as before the encoder limited it."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=os.cpu_count() or 2, user_api="blas"):
        result = measure(label, retriever, questions)
    result["label"] = label + ", BLAS all cores"
    return result


def main() -> int:
    settings = get_settings()
    thresholds = Thresholds(
        answer=settings.kb_answer_threshold,
        clarify=settings.kb_clarify_threshold,
        margin=settings.kb_clarify_margin,
    )
    rss_start = rss_mb("VmRSS")
    encoder = load_encoder(settings)
    rss_model = rss_mb()
    entries = load_entries(settings.kb_dir)
    questions = [item.text for item in load_items()][:QUESTIONS]
    builds: list[tuple[str, float, int]] = []

    print(f"building the real index ({len(entries)} entries)…", file=sys.stderr, flush=True)
    ms, index = timed(KBIndex.build, entries, encoder)
    assert isinstance(index, KBIndex)
    builds.append(("real KB, cold", ms, index.embedded_texts))
    rate = index.embedded_texts / (ms / 1000)
    ms, changed = timed(KBIndex.build, with_one_change(entries), encoder, index)
    builds.append(("real KB, one entry changed", ms, 1))
    real = measure("real KB", Retriever(encoder, index, thresholds), questions)
    real_one = measure_with_spinning_blas(
        "real KB", Retriever(encoder, index, thresholds), questions
    )
    rss_real = rss_mb()

    print(f"building {SYNTHETIC_ENTRIES} synthetic entries…", file=sys.stderr, flush=True)
    synthetic = synthetic_entries(entries, SYNTHETIC_ENTRIES)
    ms, big = timed(KBIndex.build, synthetic, encoder, index)
    assert isinstance(big, KBIndex)
    builds.append((f"{SYNTHETIC_ENTRIES} entries, texts cached (assembly)", ms, 0))
    unique_rows = len(big.rows)
    builds.append(
        (
            f"{SYNTHETIC_ENTRIES} entries, cold estimate if all unique",
            unique_rows / rate * 1000,
            unique_rows,
        )
    )
    ms, _ = timed(KBIndex.build, with_one_change(synthetic), encoder, big)
    builds.append((f"{SYNTHETIC_ENTRIES} entries, one entry changed", ms, 1))
    large = measure(
        f"{SYNTHETIC_ENTRIES} synthetic", Retriever(encoder, big, thresholds), questions
    )
    large_one = measure_with_spinning_blas(
        f"{SYNTHETIC_ENTRIES} synthetic", Retriever(encoder, big, thresholds), questions
    )
    rss_large = rss_mb()

    print(f"\nKB search on {settings.embedding_model} ({QUESTIONS} held-out questions, ms)")
    print(
        f"{'KB':32}{'entries':>8}{'rows':>8}{'vectors MB':>11}   {'turn p50':>9}{'p95':>7}"
        f"   {'search p50':>10}{'p95':>7}   {'brute p50':>9}{'p95':>7}  search/brute"
    )
    for r in (real, real_one, large, large_one):
        print(
            f"{r['label']:32}{r['entries']:>8}{r['rows']:>8}{r['index_mb']:>11.1f}   "
            f"{percentile(r['turn'], 50):>9.1f}{percentile(r['turn'], 95):>7.1f}   "
            f"{percentile(r['search'], 50):>10.2f}{percentile(r['search'], 95):>7.2f}   "
            f"{percentile(r['brute'], 50):>9.2f}{percentile(r['brute'], 95):>7.2f}  "
            f"×{statistics.median(r['search']) / statistics.median(r['brute']):.2f}"
        )
    print("turn = Retriever.decide (embed the question + search + decide), as in a chat turn;")
    print("search = KBIndex.scores + top-5; brute = all row cosines sorted, first 5 entries.")
    print("'BLAS all cores' = numpy's OpenBLAS not limited to one thread (the encoder limits it):")
    print("its idle threads then spin after each search and slow the next embedding.")
    print(f"\n{'index build':48}{'seconds':>9}{'texts embedded':>16}")
    for label, ms, texts in builds:
        print(f"{label:48}{ms / 1000:>9.2f}{texts:>16}")
    print(f"embedding rate measured on the cold build: {rate:.0f} texts/s")
    print(
        f"\npeak RSS (MB): start {rss_start:.0f}, model loaded {rss_model:.0f}, real index "
        f"{rss_real:.0f}, {SYNTHETIC_ENTRIES} entries {rss_large:.0f}"
    )
    del changed
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
