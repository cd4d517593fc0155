from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.kb.classifier import EntryClassifier
from assistant.kb.index import KBIndex
from assistant.kb.negatives import Negative
from assistant.kb.retriever import Retriever, Thresholds
from tests.fakes import HashingEncoder, sample_entries

NEGATIVES = [
    Negative("set an alarm for seven tomorrow", "en"),
    Negative("what is my credit card balance", "en"),
    Negative("recipe for pancakes without eggs", "en"),
    Negative("will it rain in Paris this weekend", "en"),
    Negative("mets une alarme à sept heures", "fr"),
    Negative("quel est le solde de ma carte de crédit", "fr"),
    Negative("recette de crêpes sans oeufs", "fr"),
    Negative("va-t-il pleuvoir à Paris ce week-end", "fr"),
]


def make_tracker(
    text: str,
    *,
    language: str = "fr",
    intent: str = "talent",
    confidence: float = 0.9,
    entities=None,
    events=None,
    slots=None,
) -> Tracker:
    return Tracker(
        sender_id="c1",
        slots={"language": language, **(slots or {})},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
        },
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def retriever() -> Retriever:
    encoder = HashingEncoder()
    index = KBIndex.build(sample_entries(), encoder)
    negatives = encoder.encode([n.text for n in NEGATIVES], "query")
    # the hashing encoder's cosines are lower than e5's: thresholds to match
    return Retriever(
        encoder,
        index,
        Thresholds(answer=0.5, clarify=0.3, margin=0.05),
        EntryClassifier.train(index, NEGATIVES, negatives),
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
