"""``python -m assistant.kb.prepare``: embed the router's out-of-scope examples ahead of the
first start (``scripts/setup.sh`` runs it), with progress, so that the app's first start reads
them from ``settings.cache_dir`` instead of spending minutes embedding them while visitors wait.
Nothing to do when the cache already holds them for this model."""

from __future__ import annotations

import sys
import time

from assistant.core.config import get_settings
from assistant.embeddings.onnx_encoder import load_encoder
from assistant.kb.classifier import NegativeVectors
from assistant.kb.negatives import clinc_neighbours, out_of_scope_examples


def main() -> int:
    settings = get_settings()
    cache = NegativeVectors(settings.cache_dir)
    encoder = load_encoder(settings)
    sets = {
        "the classifier's out-of-scope examples": out_of_scope_examples(),
        "the out-of-scope neighbours (CLINC150 train)": clinc_neighbours(),
    }
    for what, negatives in sets.items():
        path = cache.path(negatives, encoder)
        if path is not None and path.exists():
            print(f"    {what}: up to date ({len(negatives)} in {path.name})")
            continue
        started = time.monotonic()

        def report(done: int, total: int, what: str = what, started: float = started) -> None:
            elapsed = time.monotonic() - started
            print(f"    {what}: {done}/{total} embedded ({elapsed:.0f} s)", flush=True)

        cache.load(negatives, encoder, progress=report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
