from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.kb.index import KBIndex
from assistant.kb.retriever import Retriever, Thresholds
from tests.fakes import HashingEncoder, sample_entries


def make_tracker(
    text: str, *, language: str = "fr", intent: str = "talent", entities=None
) -> Tracker:
    return Tracker(
        sender_id="c1",
        slots={"language": language},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def retriever() -> Retriever:
    encoder = HashingEncoder()
    # the hashing encoder's cosines are lower than e5's: thresholds to match
    return Retriever(
        encoder,
        KBIndex.build(sample_entries(), encoder),
        Thresholds(answer=0.5, clarify=0.3, margin=0.05),
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
