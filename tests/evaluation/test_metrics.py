from __future__ import annotations

import pytest

from assistant.evaluation import metrics
from assistant.evaluation.dataset import EvalItem, split_halves
from assistant.evaluation.rankers import BM25Ranker, fold, fused_scores
from assistant.kb.retriever import Candidate, Decision
from tests.fakes import make_entry, sample_entries


def item(item_id: str, expected: str, language: str = "fr", **extra) -> EvalItem:
    return EvalItem(id=item_id, language=language, text="…", expected=expected, **extra)


def test_ranking_metrics_count_the_first_acceptable_entry():
    items = [item("q1", "a"), item("q2", "a"), item("q3", "a", also=["z"]), item("q4", "none")]
    rankings = {"q1": ["a", "b"], "q2": ["b", "c", "a"], "q3": ["x", "y", "w", "z"], "q4": ["a"]}
    result = metrics.ranking_metrics(items, rankings)
    assert result["n"] == 3  # the "none" question is not ranked
    assert result["top1"] == pytest.approx(1 / 3)
    assert result["recall3"] == pytest.approx(2 / 3)
    assert result["mrr"] == pytest.approx((1 + 1 / 3 + 1 / 4) / 3)


def test_decisions_are_classified_from_the_visitors_point_of_view():
    a, b = make_entry("talent-a"), make_entry("talent-b")
    asked = item("q", "talent-a")
    assert metrics.outcome(Decision("answer", [Candidate(a, 0.9)]), asked) == "answer_correct"
    assert metrics.outcome(Decision("answer", [Candidate(b, 0.9)]), asked) == "answer_wrong"
    both = [Candidate(b, 0.9), Candidate(a, 0.89)]
    assert metrics.outcome(Decision("clarify", both), asked) == "clarify_right"
    assert metrics.outcome(Decision("clarify", both[:1]), asked) == "clarify_wrong"
    assert metrics.outcome(Decision("none", both[:1]), asked) == "no_answer"
    # any answer to a question no entry covers is wrong
    assert metrics.outcome(Decision("answer", both[:1]), item("n", "none")) == "answer_wrong"


def test_no_answer_precision_and_recall():
    items = [item("q1", "a"), item("q2", "a"), item("n1", "none"), item("n2", "none")]
    outcomes = {"q1": "answer_correct", "q2": "no_answer", "n1": "no_answer", "n2": "answer_wrong"}
    result = metrics.decision_metrics(items, outcomes)
    assert result["answer_correct"] == 0.5
    assert result["no_answer"] == 0.5
    assert result["none_not_answered"] == 0.5
    assert result["none_answered"] == 0.5
    assert result["no_answer_precision"] == 0.5  # q2 wrongly left unanswered
    assert result["no_answer_recall"] == 0.5


def test_a_no_answer_is_worth_a_right_answer_only_for_a_none_question():
    items = [item("q", "a"), item("n", "none")]
    assert metrics.utility(items, {"q": "no_answer", "n": "no_answer"}) == 1.0
    assert metrics.utility(items, {"q": "answer_correct", "n": "answer_wrong"}) == 0.0


def test_cross_lingual_agreement_compares_twins_once():
    items = [
        item("fr-1", "a", pair="en-1"),
        item("en-1", "a", language="en", pair="fr-1"),
        item("fr-2", "b", pair="en-2"),
        item("en-2", "b", language="en", pair="fr-2"),
    ]
    top1 = {"fr-1": "a", "en-1": "a", "fr-2": "b", "en-2": "c"}
    assert metrics.cross_lingual_agreement(items, top1) == {"pairs": 2, "agreement": 0.5}


def test_the_tuning_split_keeps_twins_together_and_never_changes():
    items = [item(f"fr-{n}", "a", pair=f"en-{n}") for n in range(40)] + [
        item(f"en-{n}", "a", language="en", pair=f"fr-{n}") for n in range(40)
    ]
    tune, report = split_halves(items)
    assert tune and report
    tuned = {i.id for i in tune}
    assert all((f"fr-{n}" in tuned) == (f"en-{n}" in tuned) for n in range(40))
    assert [i.id for i in split_halves(items)[0]] == [i.id for i in tune]


def test_bm25_matches_without_accents():
    assert fold("Où est le Centre des congrès?") == "ou est le centre des congres?"
    entries = sample_entries()
    scores = BM25Ranker(entries).scores(["ou est le centre des congres"])
    assert entries[scores[0].argmax()].id == "events-congress-centre"


def test_fusion_with_zero_weight_is_the_dense_score():
    import numpy as np

    dense = np.array([[0.8, 0.9]])
    lexical = np.array([[4.0, 0.0]])
    assert (fused_scores(dense, lexical, 0.0) == dense).all()
    assert fused_scores(dense, lexical, 0.2)[0].tolist() == pytest.approx([1.0, 0.9])
