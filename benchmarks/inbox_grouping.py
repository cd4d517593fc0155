"""Calibrates the review inbox's grouping threshold (``ASSISTANT_INBOX_GROUP_THRESHOLD``) on
the production encoder: 32 visitor questions in 8 known groups (French, English, mixed),
pairwise cosines, then how many same-question and different-question pairs each threshold
joins, and the groups the inbox would show. About 30 s (loading the model included).

Run: ``.venvs/app/bin/python benchmarks/inbox_grouping.py``
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.core.config import Settings  # noqa: E402
from assistant.embeddings.onnx_encoder import load_encoder  # noqa: E402
from assistant.inbox.grouping import group_rows  # noqa: E402

# Each list: the same question, worded as visitors would (French and English).
GROUPS = [
    [
        "Où stationner près du centre des congrès?",
        "Y a-t-il un stationnement au centre des congrès?",
        "Where can I park near the convention centre?",
        "parking at the convention center",
    ],
    [
        "Comment obtenir un permis de travail?",
        "Je veux un permis de travail au Canada",
        "How do I get a work permit?",
        "work permit for Canada how",
    ],
    [
        "Le Bureau offre-t-il des subventions aux entreprises?",
        "Y a-t-il du financement pour mon entreprise?",
        "Does the Bureau give grants to companies?",
        "funding for my business",
    ],
    [
        "Quels sont les horaires du bureau?",
        "À quelle heure ouvre le Bureau?",
        "What are your office hours?",
        "When is the Bureau open?",
    ],
    [
        "Comment inviter le maire à notre événement?",
        "Le maire peut-il venir à notre congrès?",
        "How can we invite the mayor to our event?",
        "can the mayor attend our conference",
    ],
    [
        "Puis-je obtenir un permis d'études?",
        "permis d'études Québec",
        "How do I get a study permit?",
        "student visa Quebec",
    ],
    [
        "Quel temps fait-il à Québec en hiver?",
        "Fait-il froid en janvier?",
        "What is the weather like in winter?",
        "how cold is Quebec in January",
    ],
    [
        "Où loger pendant mon séjour?",
        "Hôtels près du Vieux-Québec",
        "Where should I stay during my visit?",
        "hotels near Old Quebec",
    ],
]
THRESHOLDS = (0.84, 0.86, 0.88, 0.90, 0.92)


def main() -> None:
    settings = Settings()
    encoder = load_encoder(settings)
    texts = [text for group in GROUPS for text in group]
    labels = [number for number, group in enumerate(GROUPS) for _ in group]
    vectors = encoder.encode(texts, "query")
    similarities = vectors @ vectors.T
    same, different = [], []
    for i, j in itertools.combinations(range(len(texts)), 2):
        (same if labels[i] == labels[j] else different).append(float(similarities[i, j]))
    print(f"encoder: {encoder.name}")
    print(f"{len(texts)} questions, {len(GROUPS)} true groups")
    print(f"same question: median cosine {np.median(same):.3f}, min {min(same):.3f}")
    print(f"different:     median cosine {np.median(different):.3f}, max {max(different):.3f}")
    print("threshold | same-question pairs joined | different pairs joined | groups shown")
    for threshold in THRESHOLDS:
        joined = sum(s >= threshold for s in same)
        wrong = sum(s >= threshold for s in different)
        groups = group_rows(vectors, threshold)
        mixed = sum(len({labels[row] for row in group}) > 1 for group in groups)
        print(
            f"{threshold:.2f}      | {joined}/{len(same)} ({joined / len(same):.0%})"
            f"              | {wrong}/{len(different)} ({wrong / len(different):.1%})"
            f"          | {len(groups)} ({mixed} mixed)"
        )
    closest = sorted(
        (
            (float(similarities[i, j]), texts[i], texts[j])
            for i, j in itertools.combinations(range(len(texts)), 2)
            if labels[i] != labels[j]
        ),
        reverse=True,
    )[:3]
    print("most similar different questions:")
    for score, first, second in closest:
        print(f"  {score:.3f}  {first} | {second}")


if __name__ == "__main__":
    main()
