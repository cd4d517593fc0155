"""What the assistant would answer with a draft (sample KB, hashing encoder)."""

from __future__ import annotations

import pytest

from assistant.kb.index import KBIndex
from assistant.kb.preview import preview_answer
from assistant.kb.retriever import Retriever, Thresholds
from tests.fakes import HashingEncoder, make_entry, sample_entries


@pytest.fixture
def live() -> Retriever:
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    return Retriever(encoder, index, Thresholds(answer=0.5, clarify=0.3, margin=0.05))


def _draft():
    return make_entry(
        "talent-study-permit",
        fr={
            "title": "Permis d'études",
            "answer": "Le permis d'études est délivré par IRCC.",
            "questions": ["Comment obtenir un permis d'études?", "permis d'études étudiant"],
        },
        en={
            "title": "Study permits",
            "answer": "Study permits are issued by IRCC.",
            "questions": ["How do I get a study permit?", "study permit student"],
        },
    )


def test_a_draft_that_answers_the_question_is_shown_as_the_visitor_would_read_it(live):
    preview = preview_answer(live, _draft(), "How do I get a study permit?", "en")
    assert preview.kind == "answer" and preview.answered_by_draft
    assert preview.reply.startswith("Study permits are issued by IRCC.\nSource: ")
    assert preview.candidates[0].entry_id == "talent-study-permit"


def test_the_live_index_and_its_embedding_cache_are_left_untouched(live):
    index, cached = live.index, live.index.embedded_texts
    preview_answer(live, _draft(), "How do I get a study permit?", "en")
    assert live.index is index and index.embedded_texts == cached
    assert [e.id for e in index.entries] == [e.id for e in sample_entries()]


def test_a_detached_index_shares_vectors_but_not_its_cache():
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    copy = index.detached()
    assert copy.entries is index.entries and copy.embedded_texts == index.embedded_texts
    KBIndex.build([*sample_entries(), _draft()], encoder, copy)
    assert copy.embedded_texts > index.embedded_texts
