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


def _index_with_row_cosines(cosines: dict[int, list[float]]) -> tuple[KBIndex, np.ndarray]:
    """An index whose rows have the given cosines with the query vector e0 (entry -> rows)."""
    from assistant.kb.index import _Row

    entries = sample_entries()[: len(cosines)]
    rows, vectors = [], []
    for entry, values in cosines.items():
        for value in values:
            rows.append(_Row(entry, "query", "fr", f"{entry}-{value}-{len(rows)}"))
            vectors.append([value, np.sqrt(1 - value**2)])
    query = np.array([1.0, 0.0], dtype=np.float32)
    return KBIndex(entries, rows, np.asarray(vectors, dtype=np.float32), "test"), query


def test_an_entry_several_texts_match_beats_one_a_single_text_matches():
    index, query = _index_with_row_cosines({0: [0.93, 0.70, 0.60], 1: [0.91, 0.90, 0.89]})
    scores = index.scores(query)
    assert int(np.argmax(scores)) == 1
    assert np.isclose(scores[1], 0.90) and np.isclose(scores[0], (0.93 + 0.70 + 0.60) / 3)


def test_a_phrasing_identical_to_the_question_wins_on_its_own():
    index, query = _index_with_row_cosines({0: [0.99, 0.50, 0.40], 1: [0.95, 0.94, 0.93]})
    scores = index.scores(query)
    assert int(np.argmax(scores)) == 0 and np.isclose(scores[0], 0.99)


def test_an_entry_with_fewer_texts_than_the_mean_takes_averages_what_it_has():
    index, query = _index_with_row_cosines({0: [0.9, 0.8], 1: [0.5]})
    assert np.allclose(index.scores(query), [0.85, 0.5])
