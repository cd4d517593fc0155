from __future__ import annotations

from assistant.kb.retriever import Candidate, Thresholds, decide
from tests.fakes import make_entry

T = Thresholds(answer=0.86, clarify=0.82, margin=0.015, max_choices=3)
A, B, C, D = (make_entry(f"talent-{x}") for x in "abcd")


def test_a_clear_winner_is_answered():
    assert decide([Candidate(A, 0.91), Candidate(B, 0.85)], T).kind == "answer"


def test_close_candidates_are_offered_as_choices():
    decision = decide(
        [Candidate(A, 0.90), Candidate(B, 0.895), Candidate(C, 0.89), Candidate(D, 0.889)], T
    )
    assert decision.kind == "clarify"
    assert [c.entry.id for c in decision.candidates] == ["talent-a", "talent-b", "talent-c"]


def test_a_lone_moderate_match_is_offered_with_the_next_plausible_ones():
    decision = decide([Candidate(A, 0.84), Candidate(B, 0.83), Candidate(C, 0.70)], T)
    assert decision.kind == "clarify"
    assert [c.entry.id for c in decision.candidates] == ["talent-a", "talent-b"]


def test_nothing_similar_enough_means_no_answer():
    assert decide([Candidate(A, 0.80)], T).kind == "none"
    assert decide([], T).kind == "none"
