"""How the end-to-end evaluation scores what a visitor received (pure; no stack)."""

from __future__ import annotations

from assistant.core.config import PROJECT_ROOT
from assistant.evaluation.e2e_client import Reply
from assistant.evaluation.e2e_data import load_dialogues, load_inquiries, side, unknown_entries
from assistant.evaluation.e2e_scoring import Result, metrics, verdict
from assistant.kb.loader import load_entries


def result(expected: str, outcome: str, kb: list[str], acceptable: list[str], **kw) -> Result:
    r = Result(
        id=kw.get("id", "x"),
        group=kw.get("group", "fr"),
        style="plain",
        expected=expected,
        text="t",
        acceptable=acceptable,
        outcome=outcome,
        kb_entries=kb,
        language=kw.get("language", "fr"),
        expected_language="fr",
        words=kw.get("words", 5),
    )
    r.verdict = verdict(r)
    return r


def test_verdicts_tell_right_wrong_clarified_and_refused_answers_apart():
    assert result("answer", "answer", ["a"], ["a", "b"]).verdict == "right"
    assert result("answer", "answer", ["c"], ["a"]).verdict == "wrong"
    assert result("answer", "clarify", ["c", "a"], ["a"]).verdict == "clarify_right"
    assert result("answer", "out_of_scope", [], ["a"]).verdict == "refused"
    assert result("escalate", "form", [], []).verdict == "escalated"
    # a redirect entry (311) counts as rejecting a residents' question
    assert result("out_of_scope", "answer", ["city-311"], ["city-311"]).verdict == "rejected"
    assert result("out_of_scope", "answer", ["talent-x"], []).verdict == "answered"


def test_metrics_are_shares_per_language_and_count_clinc_probes_given_kb_content():
    results = [
        result("answer", "answer", ["a"], ["a"]),
        result("answer", "answer", ["b"], ["a"]),
        result("answer", "answer", ["a"], ["a"], group="en"),
        result("out_of_scope", "out_of_scope", [], [], group="en", language="en"),
    ]
    probes = [
        Reply("out_of_scope", "en", [], [], [], "c", 0.1),
        Reply("clarify", "en", ["a"], [], [], "c", 0.1),
    ]
    figures = metrics(results, probes, [])
    assert figures["right answer (fr)"] == 0.5
    assert figures["right answer (en)"] == 1.0
    assert figures["wrong answer"] == 1 / 3
    assert figures["CLINC150 probes answered"] == 0.5
    assert figures["reply language (all)"] == 0.75


def test_the_held_out_set_is_big_enough_bilingual_and_names_only_real_entries():
    items, dialogues = load_inquiries(), load_dialogues()
    by_group = {g: [i for i in items if i.group == g] for g in ("fr", "en", "other")}
    assert len(items) >= 400 and len(by_group["other"]) >= 30
    assert abs(len(by_group["fr"]) - len(by_group["en"])) <= 0.1 * len(items)
    assert len(dialogues) >= 20
    assert len({i.id for i in items}) == len(items)
    known = {e.id for e in load_entries(PROJECT_ROOT / "kb" / "entries")}
    assert unknown_entries(items, dialogues, known) == []
    # the fixed split keeps both halves large in each language
    for group in by_group.values():
        report = [i for i in group if side(i.id) == "report"]
        assert 0.35 < len(report) / len(group) < 0.65
