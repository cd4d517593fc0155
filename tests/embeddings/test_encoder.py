"""The encoder loads half-precision weights as they are, with the same embeddings."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from assistant.core.config import Settings
from assistant.embeddings.encoder import stored_in_half

QUESTIONS = ["Comment obtenir un permis de travail?", "Who helps foreign companies set up here?"]


def write_header(folder: Path, dtypes: list[str]) -> Path:
    header = {
        f"t{i}": {"dtype": d, "shape": [1], "data_offsets": [0, 2]} for i, d in enumerate(dtypes)
    }
    header["__metadata__"] = {"format": "pt"}  # type: ignore[assignment]
    raw = json.dumps(header).encode()
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw + b"\0\0")
    return folder


def test_only_weights_all_in_fp16_count_as_half(tmp_path):
    assert stored_in_half(str(write_header(tmp_path, ["F16", "F16"])))
    assert not stored_in_half(str(write_header(tmp_path, ["F16", "F32"])))
    assert not stored_in_half(str(tmp_path / "missing"))
    assert not stored_in_half("intfloat/multilingual-e5-small")  # a hub name, not a folder


@pytest.mark.slow
def test_the_half_loaded_model_embeds_as_the_full_precision_one(monkeypatch):
    from assistant.embeddings import encoder as module

    model = Settings().embedding_model
    if not stored_in_half(model):
        pytest.skip("the configured model is not stored in fp16")
    half = module.SentenceTransformerEncoder(model).encode(QUESTIONS, "query")
    monkeypatch.setattr(module, "stored_in_half", lambda _: False)
    full = module.SentenceTransformerEncoder(model).encode(QUESTIONS, "query")
    assert np.allclose((half * full).sum(axis=1), 1.0, atol=1e-5)
