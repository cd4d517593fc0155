"""Is a question nearer to what people ask other assistants than to anything in the KB?

The entry classifier is linear: a general-knowledge question it has never seen ("what is
naval engineering", "please define institutional racism") can still lean towards some entry.
A nearest-neighbour check catches what the linear boundary misses: the question's closest
CLINC150 *train* query (about 14,000 requests made to a general assistant: banking, travel,
cooking, definitions…; ``negatives.clinc_neighbours``) is compared with its closest KB text.
When the outside query is the closer one, the router treats the question as out of scope unless
the classifier is very sure of an entry (measured by ``make eval-e2e``: README, "How a message
is routed").

The vectors are embedded once per model and cached on disk with the classifier's negatives
(``NegativeVectors``); a query costs one matrix-vector product (about 1 ms).
"""

from __future__ import annotations

import numpy as np

from assistant.kb.classifier import NegativeVectors
from assistant.kb.index import Encoder
from assistant.kb.negatives import Negative


class OutOfScopeNeighbours:
    def __init__(self, vectors: np.ndarray) -> None:
        self._vectors = vectors

    @classmethod
    def load(
        cls, negatives: list[Negative], encoder: Encoder, cache: NegativeVectors
    ) -> OutOfScopeNeighbours:
        return cls(cache.load(negatives, encoder))

    def __len__(self) -> int:
        return int(self._vectors.shape[0]) if self._vectors.ndim == 2 else 0

    def nearest(self, vector: np.ndarray) -> float:
        """The cosine of the closest out-of-scope query (0 when there are none)."""
        if len(self) == 0 or self._vectors.shape[1] != vector.shape[0]:
            return 0.0
        return float((self._vectors @ vector).max())
