"""The encoder the app serves with: the model's ONNX twin (``onnx_export``) on onnxruntime.

Same vectors as sentence-transformers (same tokenizer file, prompts, 512-token truncation, mean
pooling, normalisation; cosine >= 0.9999), a third of the time per question, and no torch in
the process. ``load_encoder`` picks it when the model directory holds the export, else
sentence-transformers.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
from tokenizers import Encoding, Tokenizer

from assistant.core.config import Settings
from assistant.embeddings.encoder import Kind, SentenceTransformerEncoder
from assistant.embeddings.onnx_export import is_up_to_date, onnx_path

log = logging.getLogger(__name__)
MAX_TOKENS = 512
ATTENTION_CELLS = 64 * 128**2  # rows × tokens² per batch: 64 texts of 128 tokens


class OnnxEncoder:
    def __init__(
        self, model_dir: Path, *, batch_size: int = 64, threads: int | None = None
    ) -> None:
        import onnxruntime
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")  # see SentenceTransformerEncoder
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: onnxruntime's default (every core)
        options.inter_op_num_threads = 1
        path = onnx_path(model_dir)
        self._session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self._pad_id = int(config.get("pad_token_id") or 0)
        st_config = model_dir / "config_sentence_transformers.json"
        prompts = (
            json.loads(st_config.read_text("utf-8")).get("prompts") if st_config.is_file() else {}
        )
        self._prompts: dict[str, str] = prompts or {}
        self._batch_size = batch_size
        self._dimension = int(self._session.get_outputs()[0].shape[-1])
        self.name = f"{model_dir}#{path.name}"  # caches of vectors are keyed by it

    def encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        prompt = self._prompts.get(kind, "")
        encodings = self._tokenizer.encode_batch([prompt + text for text in texts])
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for rows in self._batches([len(e.ids) for e in encodings]):
            vectors[rows] = self._run([encodings[i] for i in rows])
        return vectors

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Texts of similar lengths together (less padding), as sentence-transformers does, and
        fewer of them when long: attention takes rows × tokens² memory, which onnxruntime's
        arena keeps (64 passages of 512 tokens would hold 0.8 GB)."""
        batches: list[list[int]] = []
        for i in sorted(range(len(lengths)), key=lengths.__getitem__):
            batch = batches[-1] if batches else []
            rows = len(batch) + 1
            if not batch or rows > self._batch_size or rows * lengths[i] ** 2 > ATTENTION_CELLS:
                batches.append([i])
            else:
                batch.append(i)
        return batches

    def _run(self, encodings: list[Encoding]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        [embedding] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(embedding)


def load_encoder(settings: Settings) -> OnnxEncoder | SentenceTransformerEncoder:
    """The ONNX encoder when the settings ask for it and the model directory holds an
    up-to-date export (``python -m assistant.embeddings.onnx_export``), else
    sentence-transformers (any model name or path)."""
    model, threads = settings.embedding_model, settings.embedding_threads
    if settings.embedding_backend == "onnx":
        if Path(model).is_dir() and is_up_to_date(Path(model)):
            return OnnxEncoder(Path(model), threads=threads)
        log.warning("no up-to-date ONNX export in %s: encoding with sentence-transformers", model)
    return SentenceTransformerEncoder(model, threads=threads)
