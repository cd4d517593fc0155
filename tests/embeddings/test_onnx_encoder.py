"""The app's ONNX encoder gives sentence-transformers' vectors, and is rebuilt when the
weights change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.core.config import Settings
from assistant.embeddings import onnx_export
from assistant.embeddings.onnx_export import NotExportable, is_up_to_date

TEXTS = [
    "Quel est le courriel du Bureau?",
    "how do I get a work permit to move to Quebec City with my family next year",
    "VISA??",
    "slt jcherche un job a quebec",
    "Le Bureau des relations internationales accompagne les délégations étrangères. " * 60,
]


def fake_model(folder: Path, pooling: str = "mean") -> Path:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "x.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "x.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "x.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode": pooling}))
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


def stamp_as_exported(folder: Path) -> None:
    onnx_export.onnx_path(folder).parent.mkdir()
    onnx_export.onnx_path(folder).write_bytes(b"onnx")
    stamp = onnx_export._source(folder)
    (folder / "onnx" / onnx_export.STAMP_FILE).write_text(json.dumps(stamp))


def test_an_export_is_stale_once_the_weights_change(tmp_path):
    model = fake_model(tmp_path)
    assert not is_up_to_date(model)
    stamp_as_exported(model)
    assert is_up_to_date(model)
    (model / "model.safetensors").write_bytes(b"new weights")
    assert not is_up_to_date(model)


def test_only_mean_pooled_models_are_exported(tmp_path):
    with pytest.raises(NotExportable, match="pooling"):
        onnx_export._source(fake_model(tmp_path, pooling="cls"))


@pytest.fixture(scope="module")
def encoders():
    from assistant.embeddings.onnx_encoder import OnnxEncoder, load_encoder

    served = load_encoder(Settings())
    if not isinstance(served, OnnxEncoder):
        pytest.fail("setup exports the default model: python -m assistant.embeddings.onnx_export")
    return served, load_encoder(Settings(embedding_backend="torch"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_the_served_encoder_gives_sentence_transformers_vectors(encoders, kind):
    onnx, torch = encoders
    together = onnx.encode(TEXTS, kind)
    assert np.all((together * torch.encode(TEXTS, kind)).sum(axis=1) > 0.999)
    alone = np.vstack([onnx.encode([text], kind) for text in TEXTS])  # padding changes nothing
    assert np.allclose((together * alone).sum(axis=1), 1.0, atol=1e-5)
    assert onnx.name != torch.name  # caches of vectors never mix the two


@pytest.mark.slow
def test_the_app_process_serves_without_torch():
    script = (
        "import sys; from assistant.core.config import Settings; "
        "from assistant.embeddings.onnx_encoder import load_encoder; "
        "load_encoder(Settings()).encode(['bonjour'], 'query'); "
        "print('torch' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_exporting_a_folder_that_is_not_a_model_says_so(tmp_path, capsys):
    assert onnx_export.main([str(tmp_path)]) == 2
    assert "is not a sentence-transformers model directory" in capsys.readouterr().out
