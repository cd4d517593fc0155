from __future__ import annotations

import numpy as np

from assistant.kb.index import KBIndex
from tests.fakes import HashingEncoder, make_entry, sample_entries


def test_scores_take_the_best_phrasing_or_answer_in_either_language():
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    scores = index.scores(encoder.encode(["convention centre congress venue"], "query")[0])
    assert index.entries[int(np.argmax(scores))].id == "events-congress-centre"
    assert np.isclose(scores.max(), 1.0)


def test_a_rebuild_embeds_only_new_or_changed_texts():
    encoder = HashingEncoder()
    first = KBIndex.build(sample_entries(), encoder)
    embedded_once = len(encoder.encoded)
    changed = [
        *sample_entries()[:2],
        make_entry(
            "bureau-contact",
            topic="bureau",
            competent_body="bureau",
            fr={
                "title": "Joindre le Bureau",
                "answer": "Nouvelle réponse : écrivez à international@ville.quebec.qc.ca.",
                "questions": ["adresse courriel du Bureau"],
            },
            en={
                "title": "Contacting the Bureau",
                "answer": "Write to international@ville.quebec.qc.ca or call 418 641-6411.",
                "questions": ["Bureau email address"],
            },
        ),
    ]
    encoder.encoded.clear()
    second = KBIndex.build(changed, encoder, previous=first)
    assert encoder.encoded == ["Nouvelle réponse : écrivez à international@ville.quebec.qc.ca."]
    assert embedded_once > 10
    assert second.vectors.shape[0] == len(second.rows)


def test_the_cache_does_not_keep_texts_of_removed_entries():
    encoder = HashingEncoder()
    first = KBIndex.build(sample_entries(), encoder)
    second = KBIndex.build(sample_entries()[:1], encoder, previous=first)
    assert second.embedded_texts < first.embedded_texts
