"""With the production encoder (multilingual-e5-small) and the default threshold: paraphrases
of one question share a group, across French and English; different questions do not."""

from __future__ import annotations

import pytest

from assistant.core.config import Settings
from assistant.inbox.grouping import group_rows

pytestmark = pytest.mark.slow

QUESTIONS = [
    "Où stationner près du centre des congrès?",
    "Y a-t-il un stationnement au centre des congrès?",
    "Where can I park near the convention centre?",
    "Quels sont les horaires du bureau?",
    "What are your office hours?",
    "Comment inviter le maire à notre événement?",
]


@pytest.fixture(scope="module")
def encoder():
    from assistant.embeddings.encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder(Settings().embedding_model)


def test_paraphrases_group_together_and_different_questions_apart(encoder):
    vectors = encoder.encode(QUESTIONS, "query")
    groups = group_rows(vectors, Settings().inbox_group_threshold)
    as_text = [[QUESTIONS[row] for row in group] for group in groups]
    parking = next(group for group in as_text if QUESTIONS[0] in group)
    assert QUESTIONS[1] in parking  # same question, other wording
    assert not {QUESTIONS[3], QUESTIONS[4], QUESTIONS[5]} & set(parking)
    hours = next(group for group in as_text if QUESTIONS[3] in group)
    assert QUESTIONS[5] not in hours
