"""``python -m assistant.embeddings.onnx_export MODEL_DIR``: the model's ONNX twin for serving.

Writes ``MODEL_DIR/onnx/model_int8_embeddings.onnx``: the sentence-transformers pipeline
(transformer, mean pooling, L2 normalisation) exported from the same weights, with only the
token-embedding table quantised to int8 (weights only; every layer still computes in fp32).
Served by onnxruntime (``assistant.embeddings.onnx_encoder``) it gives the same vectors as
sentence-transformers (cosine >= 0.9999) at a third of the time per question and without
torch in the serving process; quantising the layers too was faster still but moved vectors
with the batch they were encoded in (dynamic activation scales), so it is not done.

Only models of that shape are exported (the default multilingual-e5-small is); for any other
the app keeps using sentence-transformers. Idempotent: a stamp records the weights it came from.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

ONNX_DIR = "onnx"
ONNX_FILE = "model_int8_embeddings.onnx"
STAMP_FILE = "export.json"
EXPORTER_VERSION = 1
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


class NotExportable(ValueError):
    """The model is not a plain transformer + mean pooling + normalisation pipeline."""


def onnx_path(model_dir: Path) -> Path:
    return model_dir / ONNX_DIR / ONNX_FILE


def _source(model_dir: Path) -> dict[str, object]:
    """What the export is made from: the transformer weights (size and mtime) and the exporter."""
    modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
    kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
    if kinds != ["Transformer", "Pooling", "Normalize"] or modules[0]["path"] != "":
        raise NotExportable(f"{model_dir}: modules {kinds}, not Transformer/Pooling/Normalize")
    pooling = json.loads((model_dir / modules[1]["path"] / "config.json").read_text("utf-8"))
    mean = pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens")
    if not mean or pooling.get("include_prompt") is False:
        raise NotExportable(f"{model_dir}: pooling {pooling}, not a mean over every token")
    weights = next((model_dir / w for w in _WEIGHTS if (model_dir / w).is_file()), None)
    if weights is None:
        raise NotExportable(f"{model_dir}: no transformer weights")
    stat = weights.stat()
    return {
        "exporter_version": EXPORTER_VERSION,
        "weights": weights.name,
        "bytes": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def is_up_to_date(model_dir: Path) -> bool:
    try:
        stamp = json.loads((model_dir / ONNX_DIR / STAMP_FILE).read_text(encoding="utf-8"))
        return onnx_path(model_dir).is_file() and stamp == _source(model_dir)
    except (OSError, ValueError):
        return False


def export(model_dir: Path) -> Path:
    """Export (if not up to date) and return the ONNX file; raises NotExportable."""
    source = _source(model_dir)
    target = onnx_path(model_dir)
    if is_up_to_date(model_dir):
        return target
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    target.parent.mkdir(exist_ok=True)
    fp32 = target.with_name(f".fp32-{os.getpid()}.onnx")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        model = AutoModel.from_pretrained(str(model_dir), dtype=torch.float32).eval()
        ids = torch.tensor([[0, 100, 200, 2], [0, 300, 2, 1]])
        mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it keeps dynamic
            torch.onnx.export(
                _mean_pooled(model),
                (ids, mask),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        logging.disable(logging.WARNING)  # the quantiser's advice to pre-process (not needed)
        try:
            quantize_dynamic(
                str(fp32),
                str(partial),
                weight_type=QuantType.QInt8,
                op_types_to_quantize=["Gather"],
            )
        finally:
            logging.disable(logging.NOTSET)
        os.replace(partial, target)
        (target.parent / STAMP_FILE).write_text(json.dumps(source, indent=2) + "\n", "utf-8")
    finally:
        for leftover in (fp32, partial, fp32.with_suffix(".onnx.data")):
            leftover.unlink(missing_ok=True)
    return target


def _mean_pooled(model: torch.nn.Module) -> torch.nn.Module:
    """The transformer followed by sentence-transformers' mean pooling and normalisation."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            tokens = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    return MeanPooled()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.embeddings.onnx_export",
        description="Export a sentence-transformers model directory to ONNX (int8 token "
        "embeddings) for the app's encoder.",
    )
    parser.add_argument("model_dir", type=Path)
    args = parser.parse_args(argv)
    if is_up_to_date(args.model_dir):
        print(f"    {onnx_path(args.model_dir)}: up to date")
        return 0
    started = time.monotonic()
    try:
        path = export(args.model_dir)
    except NotExportable as error:
        print(f"    not exported ({error}); the app will use sentence-transformers")
        return 0
    except OSError as error:
        print(f"error: {args.model_dir} is not a sentence-transformers model directory ({error})")
        return 2
    size = path.stat().st_size / 1e6
    print(f"    {path} ({size:.0f} MB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
