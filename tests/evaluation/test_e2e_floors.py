"""CI's floors under `make eval-e2e`: the report half through POST /api/chat on a real stack
(Rasa with the trained model, the app, an SMTP server), dialogues and case emails included.

The floors sit a little below the figures the README reports, so a change that makes the
assistant answer visitors worse fails CI; the targets themselves are printed by
`make eval-e2e`."""

from __future__ import annotations

import pytest

from assistant import launcher
from assistant.evaluation.e2e import evaluate

pytestmark = [pytest.mark.slow, pytest.mark.rasa]

FLOORS = {  # README "End to end": report half 2026-12-03, less a margin for DIET's run-to-run noise
    "right answer (fr)": (">=", 0.86),
    "right answer (en)": (">=", 0.88),
    "wrong answer": ("<=", 0.08),
    "clarification": ("<=", 0.06),
    "escalation recall": (">=", 0.89),
    "out-of-scope rejection (fr)": (">=", 0.84),
    "out-of-scope rejection (en)": (">=", 0.89),  # 10 items: one is 10 points
    "CLINC150 probes answered": ("<=", 0.04),
    "reply language (3+ words)": (">=", 0.985),
    "reply language (all)": (">=", 0.98),
    "dialogues passed": (">=", 0.96),
}


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    database = tmp_path_factory.mktemp("e2e") / "e2e.sqlite3"
    with launcher.local_stack(database, name="test-e2e") as stack:
        yield evaluate(stack.url, split="report", mailbox=stack.mailbox)


@pytest.mark.parametrize("name", list(FLOORS))
def test_the_report_half_stays_above_its_floor(evaluation, name):
    comparison, floor = FLOORS[name]
    value = evaluation.figures[name]
    misses = [
        r.id for r in evaluation.results if r.verdict not in ("right", "escalated", "rejected")
    ]
    detail = f"{name} = {value:.3f} (floor {comparison} {floor}); misses: {misses[:20]}"
    assert (value >= floor) if comparison == ">=" else (value <= floor), detail


def test_every_case_dialogue_reaches_the_bureaus_mailbox(evaluation):
    failed = {d.id: d.failures for d in evaluation.dialogues if not d.passed}
    escalations = [d for d in evaluation.dialogues if "escalation" in d.id]
    assert escalations and all(d.passed for d in escalations), failed
