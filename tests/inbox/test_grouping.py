"""Similar failed questions form one group (embedding cosine at least the threshold), shown
with its representative question, size, languages, reasons and the closest KB entries."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.inbox.grouping import group_rows
from assistant.services import Services
from tests.inbox.conftest import StaffClient, add_turn, add_vote


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_rows_join_the_most_similar_representative_above_the_threshold():
    vectors = np.stack(
        [unit(1, 0, 0), unit(0, 1, 0), unit(0.95, 0.05, 0), unit(0.1, 1, 0), unit(0, 0, 1)]
    )
    assert group_rows(vectors, threshold=0.9) == [[0, 2], [1, 3], [4]]


def test_a_group_is_compared_with_its_representative_not_chained_through_members():
    # b is close to a, c is close to b but not to a: c does not join a's group
    a, b, c = unit(1, 0), unit(0.8, 0.6), unit(0.28, 0.96)
    assert float(a @ b) >= 0.8 and float(b @ c) >= 0.8 and float(a @ c) < 0.8
    assert group_rows(np.stack([a, b, c]), threshold=0.8) == [[0, 1], [2]]


@pytest.fixture
def loose(services: Services) -> Services:
    """The fake encoder's similarity is word overlap, lower than the real model's."""
    services.settings.inbox_group_threshold = 0.7
    return services


async def test_the_inbox_groups_similar_questions_and_shows_the_closest_entries(
    loose: Services, agent: StaffClient
):
    services = loose
    for conversation in ("c1", "c2", "c3"):
        await add_turn(
            services,
            "Où stationner près du centre des congrès?",
            "fallback",
            conversation_id=conversation,
        )
    await add_turn(
        services,
        "Où stationner près du centre des congrès le soir?",
        "clarify",
        conversation_id="c4",
        kb_entries=["events-congress-centre"],
    )
    await add_turn(
        services, "permis de travail pour mon conjoint", "fallback", conversation_id="c5"
    )
    await add_vote(services, "work permit for my spouse", "talent-work-permit", language="en")

    inbox = (await agent.get("/api/staff/inbox")).json()

    assert inbox["grouped"] is True and inbox["threshold"] == 0.7
    first, *others = inbox["groups"]
    assert first["representative"]["text"] == "Où stationner près du centre des congrès?"
    assert (first["size"], first["occurrences"]) == (2, 4)
    assert first["languages"] == ["fr"]
    assert first["reasons"] == ["no_answer", "clarify"]
    assert first["reason_labels"] == ["Sans réponse", "Clarification demandée"]
    assert first["entries"][0]["id"] == "events-congress-centre"
    assert first["entries"][0]["title"] == "Centre des congrès de Québec"
    assert first["entries"][0]["editor_url"] == "/staff/kb/events-congress-centre"
    assert len(others) == 2  # the two work-permit questions share too few words to group
    assert {g["entries"][0]["id"] for g in others} == {"talent-work-permit"}
    thumbs = next(g for g in others if g["languages"] == ["en"])
    assert thumbs["reasons"] == ["thumbs_down"]
    assert thumbs["entries"][0]["involved"] is True  # the answer that got the 👎


async def test_labels_follow_the_console_language(loose: Services, agent: StaffClient):
    await add_turn(
        loose, "parking at the convention centre congress venue", "fallback", language="en"
    )
    inbox = (await agent.get("/api/staff/inbox?lang=en")).json()
    (group,) = inbox["groups"]
    assert group["language_labels"] == ["English"]
    assert group["reason_labels"] == ["No answer"]
    assert group["entries"][0]["title"] == "Québec City Convention Centre"


async def test_the_grouping_threshold_is_respected(services: Services, agent: StaffClient):
    await add_turn(services, "Où stationner près du centre des congrès?", "fallback")
    await add_turn(
        services,
        "Où stationner près du centre des congrès le soir?",
        "fallback",
        conversation_id="c2",
    )
    services.settings.inbox_group_threshold = 0.95
    assert len((await agent.get("/api/staff/inbox")).json()["groups"]) == 2
    services.settings.inbox_group_threshold = 0.8
    assert len((await agent.get("/api/staff/inbox")).json()["groups"]) == 1
