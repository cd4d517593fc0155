"""The KB evidence gathered for one message (sample KB, hashing encoder)."""

from __future__ import annotations

import pytest

from assistant.kb.index import KBIndex
from assistant.kb.retriever import Retriever, Thresholds
from assistant.routing.decision import RoutingThresholds
from assistant.routing.evidence import MessageEvidence, gather_evidence
from tests.fakes import HashingEncoder, sample_entries


@pytest.fixture
def retriever() -> Retriever:
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    return Retriever(encoder, index, Thresholds(answer=0.5, clarify=0.3, margin=0.05))


def test_nothing_is_looked_up_for_a_message_without_words(retriever):
    encoded = len(retriever.encoder.encoded)
    assert (
        gather_evidence(retriever, "?!", "permis?", True, RoutingThresholds()) == MessageEvidence()
    )
    assert len(retriever.encoder.encoded) == encoded


def test_the_question_and_each_of_its_parts_are_read_in_one_batch(retriever):
    question = "Comment obtenir un permis de travail? Où organiser un congrès?"
    found = gather_evidence(retriever, question, None, False, RoutingThresholds())
    assert found.question is not None and found.question.text == question
    assert [e.text for e in found.parts] == [
        "Comment obtenir un permis de travail?",
        "Où organiser un congrès?",
    ]
    assert found.follow_up is None


def test_a_follow_up_is_read_with_the_previous_question_when_it_can_matter(retriever):
    found = gather_evidence(
        retriever, "et au Canada?", "Bonjour! permis de travail", True, RoutingThresholds()
    )
    assert found.follow_up is not None
    assert found.follow_up.text == "permis de travail et au Canada?"


def test_a_long_message_is_not_read_as_a_follow_up(retriever):
    thresholds = RoutingThresholds(follow_up_words=2)
    found = gather_evidence(retriever, "et pour un permis au Canada?", "permis", True, thresholds)
    assert found.follow_up is None
