"""The KB evaluation end to end: on a tiny fake KB (fast) and the floor on the real one (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.config import Settings
from assistant.evaluation.dataset import EvalItem, load_items
from assistant.evaluation.kb import evaluate
from assistant.evaluation.kb_production import DECISION_LIMIT
from assistant.evaluation.report import format_report
from assistant.kb.index import KBIndex
from assistant.kb.loader import load_entries
from assistant.kb.retriever import Retriever, Thresholds, decide
from tests.fakes import HashingEncoder, sample_entries

FAKE_THRESHOLDS = Thresholds(answer=0.6, clarify=0.35, margin=0.05)
FAKE_ITEMS = [
    EvalItem(
        id="fr-1",
        language="fr",
        text="permis de travail Canada?",
        expected="talent-work-permit",
        pair="en-1",
    ),
    EvalItem(
        id="en-1",
        language="en",
        text="work permit for Canada",
        expected="talent-work-permit",
        pair="fr-1",
    ),
    EvalItem(
        id="en-2",
        language="en",
        text="convention centre congress venue please",
        expected="events-congress-centre",
    ),
    EvalItem(id="fr-2", language="fr", text="le courriel du Bureau", expected="bureau-contact"),
    EvalItem(id="fr-3", language="fr", text="recette de tarte aux pommes", expected="none"),
]


def test_the_evaluation_scores_the_production_retriever_and_baselines_on_a_fake_kb():
    report = evaluate(
        sample_entries(),
        FAKE_ITEMS,
        HashingEncoder(),
        FAKE_THRESHOLDS,
        probes=["set an alarm for 7 am"],
        baseline_encoders={"hashing again": HashingEncoder},
    )
    names = [a["name"] for a in report["approaches"]]
    assert names == ["e5 (production)", "e5, best row only", "BM25 (folded)", "hashing again"]
    ours = report["approaches"][0]
    assert ours["ranking"]["all"]["top1"] == 1.0
    assert ours["ranking"]["fr"]["n"] == 2 and ours["ranking"]["en"]["n"] == 2
    assert ours["cross_lingual"] == {"pairs": 1, "agreement": 1.0}
    decisions = ours["production"]["decisions"]["all"]
    assert decisions["none_answered"] == 0.0  # the apple pie question gets no KB answer
    first = ours["production"]["items"][0]
    assert (first["outcome"], first["offered"]) == ("answer_correct", ["talent-work-permit"])
    assert report["brute_force_check"]["same_top1"] == len(FAKE_ITEMS)
    # the same encoder through the baseline path (best row per entry) ranks like the ablation
    assert report["approaches"][3]["ranking"] == report["approaches"][1]["ranking"]
    text = format_report(report)
    assert "BM25 (folded)" in text and "top-1 of e5 (production) vs hashing again" in text


def test_the_evaluation_decides_exactly_like_the_retriever():
    encoder = HashingEncoder()
    entries = sample_entries()
    retriever = Retriever(encoder, KBIndex.build(entries, encoder), FAKE_THRESHOLDS)
    for item in FAKE_ITEMS:
        found = retriever.search(item.text, limit=len(entries))
        assert decide(found[:DECISION_LIMIT], FAKE_THRESHOLDS) == retriever.decide(item.text)


# Floors set from the measurements (fr 88 %, en 93 % top-1 since an entry's score is the mean
# of its best three texts; 31 % of "none" questions answered with the production thresholds)
# with a margin, so CI catches a regression.
TOP1_FLOOR = {"fr": 0.84, "en": 0.88}
NONE_ANSWERED_CEILING = 0.38


@pytest.mark.slow
def test_retrieval_quality_stays_above_the_measured_floor():
    settings = Settings()
    if not (Path(settings.embedding_model) / "config.json").exists():
        pytest.skip("the embedding model is built by `make setup`")
    from assistant.embeddings.encoder import SentenceTransformerEncoder

    report = evaluate(
        load_entries(settings.kb_dir),
        load_items(),
        SentenceTransformerEncoder(settings.embedding_model),
        Thresholds(
            answer=settings.kb_answer_threshold,
            clarify=settings.kb_clarify_threshold,
            margin=settings.kb_clarify_margin,
        ),
        bm25=False,
    )
    ours = report["approaches"][0]
    for language, floor in TOP1_FLOOR.items():
        assert ours["ranking"][language]["top1"] >= floor, language
    assert ours["production"]["decisions"]["all"]["none_answered"] <= NONE_ANSWERED_CEILING
