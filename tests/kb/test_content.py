"""The Bureau's real KB (kb/entries): complete, bilingual, sourced, in plain language."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.kb.loader import load_entries

KB_DIR = Path(__file__).resolve().parents[2] / "kb" / "entries"
ENTRIES = load_entries(KB_DIR)
URL = re.compile(r"https://\S+")


def test_the_kb_covers_every_topic_with_at_least_80_entries():
    assert len(ENTRIES) >= 80
    topics = Counter(e.topic for e in ENTRIES)
    assert set(topics) == {"bureau", "investment", "talent", "events", "city-to-city", "city"}
    assert min(topics.values()) >= 8


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_each_entry_is_complete_in_french_and_english(entry):
    assert entry.fr is not None and entry.en is not None, "both languages are required"
    for content in (entry.fr, entry.en):
        assert len(content.questions) >= 4
        assert len(content.answer.split()) <= 130, "answers stay short (about 120 words)"
        assert URL.search(content.answer.strip().splitlines()[-1]), (
            "ends with the next step and a link"
        )
    assert all(str(url).startswith("https://") for url in entry.sources)
    # the same links in both languages' answers, modulo language paths
    assert len(URL.findall(entry.fr.answer)) >= 1 and len(URL.findall(entry.en.answer)) >= 1


def test_no_phrasing_is_shared_by_two_entries():
    owners: dict[str, str] = {}
    for entry in ENTRIES:
        for question in entry.fr.questions + entry.en.questions:  # type: ignore[union-attr]
            key = question.casefold().strip(" ?!.")
            assert owners.setdefault(key, entry.id) == entry.id, (
                f"'{question}' in {owners[key]} and {entry.id}"
            )


def test_the_bureaus_contact_details_are_exact_wherever_they_appear():
    text = " ".join(e.fr.answer + " " + e.en.answer for e in ENTRIES)  # type: ignore[union-attr]
    for phone in re.findall(r"418[ .-]?\d{3}[ .-]?\d{4}", text):
        if "641" in phone[:8]:
            assert phone == "418 641-6411"
    assert "international@ville.quebec.qc.ca" in text
    assert "43, rue de Buade" in text and "G1R 4A2" in text


def test_entries_that_need_staff_exist_for_meetings_invitations_delegations_and_media():
    escalating = {e.id for e in ENTRIES if e.escalate}
    assert len(escalating) >= 5
