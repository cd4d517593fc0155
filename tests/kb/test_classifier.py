from __future__ import annotations

import numpy as np

from assistant.kb.classifier import EntryClassifier, NegativeVectors
from assistant.kb.index import KBIndex
from assistant.kb.negatives import (
    Negative,
    clinc_train,
    near_domain,
    nlu_out_of_scope,
    out_of_scope_examples,
)
from assistant.kb.retriever import Retriever, Thresholds
from tests.actions.conftest import NEGATIVES
from tests.fakes import HashingEncoder, sample_entries


def trained() -> tuple[HashingEncoder, EntryClassifier]:
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    vectors = encoder.encode([n.text for n in NEGATIVES], "query")
    return encoder, EntryClassifier.train(index, NEGATIVES, vectors)


def test_a_question_ranks_its_entry_first_with_most_of_the_probability():
    encoder, classifier = trained()
    ranking = classifier.rank(encoder.encode(["where can we host a congress"], "query")[0])
    entry, probability = ranking.top
    assert entry == "events-congress-centre"
    assert probability > 0.5 > ranking.out_of_scope


def test_an_unrelated_question_is_out_of_scope():
    encoder, classifier = trained()
    ranking = classifier.rank(encoder.encode(["alarm for seven please"], "query")[0])
    assert ranking.out_of_scope > ranking.top[1]


def test_probabilities_of_the_ranking_add_up_over_all_classes():
    encoder, classifier = trained()
    ranking = classifier.rank(encoder.encode(["permis de travail"], "query")[0], limit=10)
    assert abs(sum(p for _, p in ranking.entries) + ranking.out_of_scope - 1.0) < 1e-5


def test_the_retriever_swaps_index_and_classifier_together():
    encoder, classifier = trained()
    index = KBIndex.build(sample_entries(), encoder)
    retriever = Retriever(encoder, index, Thresholds(), None)
    assert retriever.analyse(["work permit"])[0].ranking is None  # not trained yet
    retriever.swap(index, classifier)
    [evidence] = retriever.analyse(["work permit"])
    assert evidence.ranking is not None and evidence.ranking.top[0] == "talent-work-permit"
    assert evidence.candidates[0].entry.id == "talent-work-permit"


def test_negative_vectors_are_embedded_once_then_read_from_the_cache(tmp_path):
    encoder = HashingEncoder()
    negatives = [Negative("book a table for two", "en"), Negative("réserve une table", "fr")]
    first = NegativeVectors(tmp_path).load(negatives, encoder)
    encoder.encoded.clear()
    second = NegativeVectors(tmp_path).load(negatives, encoder)
    assert encoder.encoded == []
    assert np.array_equal(first, second)


def test_out_of_scope_examples_come_in_both_languages_from_the_repository():
    nlu = nlu_out_of_scope()
    assert {n.language for n in nlu} == {"fr", "en"}
    assert sum(n.language == "fr" for n in nlu) >= 400
    clinc = clinc_train()
    assert len(clinc) > 2000  # vendored under datasets/clinc150: no sibling folder needed
    # questions the Bureau does answer are not taught as out of scope
    assert not [n for n in clinc if "canada" in n.text.lower()]
    near = near_domain()  # kb/out_of_scope: what only the KB must refuse, not the NLU
    assert {n.language for n in near} == {"fr", "en"}
    assert min(sum(n.language == lang for n in near) for lang in ("fr", "en")) >= 150
    examples = out_of_scope_examples()
    assert len({n.text.casefold() for n in examples}) == len(examples)
    assert {n.text for n in near} <= {n.text for n in examples}


def test_the_evidence_says_when_a_question_is_nearer_to_a_query_asked_elsewhere():
    from assistant.kb.neighbours import OutOfScopeNeighbours

    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    elsewhere = ["set an alarm for seven", "what is the capital of peru"]
    neighbours = OutOfScopeNeighbours(encoder.encode(elsewhere, "query"))
    retriever = Retriever(encoder, index, Thresholds(), None, neighbours)
    outside, ours = retriever.analyse(["set an alarm for seven please", "work permit"])
    assert outside.elsewhere > 0 > ours.elsewhere


def test_the_neighbours_are_every_clinc_train_query_outside_our_remit():
    import json

    from assistant.kb.negatives import CLINC_FILE, clinc_neighbours

    texts = {n.text for n in clinc_neighbours()}
    assert len(texts) > 10_000
    assert not [t for t in texts if "canada" in t.lower() or "quebec" in t.lower()]
    data = json.loads(CLINC_FILE.read_text(encoding="utf-8"))
    ours = {t for t, intent in data["train"] if intent in ("who_made_you", "greeting")}
    assert ours and not ours & texts  # the assistant answers about itself; greetings are acts
