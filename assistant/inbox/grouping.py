"""Groups similar inbox items by their sentence embeddings (the KB's encoder, "query" kind).

Leader clustering, in priority order (most pending occurrences first): an item joins the
group whose *representative* (its first, most frequent item) is the most similar, if that
cosine is at least the threshold (``ASSISTANT_INBOX_GROUP_THRESHOLD``); otherwise it starts a
new group. Comparing with the representative, not with any member, keeps groups from
drifting into chains of loosely related questions. Embeddings are multilingual, so a French
and an English wording of the same question can share a group.
"""

from __future__ import annotations

import asyncio

import numpy as np

from assistant.db.inbox_models import InboxItem
from assistant.kb.index import Encoder


def group_rows(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Row indices grouped; ``vectors`` are L2-normalised and already in priority order."""
    groups: list[list[int]] = []
    leaders: list[int] = []
    for row in range(vectors.shape[0]):
        if leaders:
            similarities = vectors[leaders] @ vectors[row]
            best = int(np.argmax(similarities))
            if float(similarities[best]) >= threshold:
                groups[best].append(row)
                continue
        leaders.append(row)
        groups.append([row])
    return groups


def vector_of(item: InboxItem) -> np.ndarray:
    assert item.embedding is not None
    return np.frombuffer(item.embedding, dtype=np.float32)


async def embed_missing(items: list[InboxItem], encoder: Encoder) -> None:
    """Embeds the items that have no embedding from this encoder (the encoding runs in a
    thread; the items are updated here, for the caller's session to save)."""
    missing = [i for i in items if i.embedding is None or i.encoder_name != encoder.name]
    if not missing:
        return
    vectors = await asyncio.to_thread(encoder.encode, [i.text for i in missing], "query")
    for item, vector in zip(missing, vectors, strict=True):
        item.embedding = np.asarray(vector, dtype=np.float32).tobytes()
        item.encoder_name = encoder.name


def group_items(items: list[InboxItem], threshold: float) -> list[list[InboxItem]]:
    """Items (in priority order) grouped; items without an embedding stay alone."""
    embedded = [i for i in items if i.embedding is not None]
    groups = [[embedded[row] for row in rows] for rows in _groups_of(embedded, threshold)]
    groups += [[i] for i in items if i.embedding is None]
    order = {id(item): position for position, item in enumerate(items)}
    return sorted(groups, key=lambda group: order[id(group[0])])


def _groups_of(items: list[InboxItem], threshold: float) -> list[list[int]]:
    if not items:
        return []
    vectors = np.stack([vector_of(item) for item in items])
    return group_rows(vectors, threshold)
