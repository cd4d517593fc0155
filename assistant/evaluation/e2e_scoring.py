"""How the end-to-end evaluation scores what a visitor received: a verdict per inquiry, the
figures, and issue 9's targets (pure; no stack)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.evaluation.e2e_client import DialogueResult, Reply

GIVES_KB_CONTENT = {"answer", "clarify"}
ESCALATION_OUTCOMES = {"escalate", "form"}
GOOD_VERDICTS = {
    "escalate": {"escalated"},
    "out_of_scope": {"rejected", "not_understood"},
    "smalltalk": {"right"},
}

# Issue 9's targets, on the report half. CI holds floors a little below (tests/evaluation).
TARGETS: dict[str, tuple[str, float]] = {
    "right answer (fr)": (">=", 0.92),
    "right answer (en)": (">=", 0.92),
    "wrong answer": ("<=", 0.03),
    "clarification": ("<=", 0.08),
    "escalation recall": (">=", 0.95),
    "out-of-scope rejection (fr)": (">=", 0.97),
    "out-of-scope rejection (en)": (">=", 0.97),
    "CLINC150 probes answered": ("<=", 0.02),
    "reply language (3+ words)": (">=", 1.0),
    "reply language (all)": (">=", 0.99),
    "dialogues passed": (">=", 1.0),
}


@dataclass
class Result:
    id: str
    group: str
    style: str
    expected: str
    text: str
    acceptable: list[str]
    outcome: str
    kb_entries: list[str]
    language: str
    expected_language: str
    words: int
    verdict: str = ""

    @property
    def language_right(self) -> bool:
        return self.language == self.expected_language


def verdict(result: Result) -> str:
    """What the visitor got, in the table's terms."""
    acceptable, outcome = set(result.acceptable), result.outcome
    offered_right = bool(acceptable & set(result.kb_entries))
    if result.expected == "answer":
        if outcome == "answer":
            return "right" if offered_right else "wrong"
        if outcome == "clarify":
            return "clarify_right" if offered_right else "clarify_wrong"
        return {"out_of_scope": "refused", "fallback": "not_understood"}.get(
            outcome, "escalated" if outcome in ESCALATION_OUTCOMES else outcome
        )
    if result.expected == "escalate":
        return "escalated" if outcome in ESCALATION_OUTCOMES else f"missed:{outcome}"
    if result.expected == "out_of_scope":
        if outcome == "out_of_scope" or (outcome == "answer" and offered_right):
            return "rejected"
        if outcome in ("fallback", "smalltalk"):
            return "not_understood"
        return "answered" if outcome in GIVES_KB_CONTENT else f"other:{outcome}"
    # small talk: its reply, or the KB entry about the assistant
    return "right" if outcome == "smalltalk" or offered_right else f"missed:{outcome}"


def share(results: Iterable[Result], good: Callable[[Result], bool]) -> tuple[float, int]:
    chosen = list(results)
    return (sum(map(good, chosen)) / len(chosen) if chosen else float("nan")), len(chosen)


def metrics(
    results: list[Result], probes: list[Reply], dialogues: list[DialogueResult]
) -> dict[str, float]:
    answerable = [r for r in results if r.expected == "answer"]

    def rate(pool: list[Result], good: Callable[[Result], bool]) -> float:
        return share(pool, good)[0]

    figures = {
        "right answer (fr)": rate(
            [r for r in answerable if r.group == "fr"], lambda r: r.verdict == "right"
        ),
        "right answer (en)": rate(
            [r for r in answerable if r.group == "en"], lambda r: r.verdict == "right"
        ),
        "right answer (other languages)": rate(
            [r for r in answerable if r.group == "other"], lambda r: r.verdict == "right"
        ),
        "wrong answer": rate(answerable, lambda r: r.verdict == "wrong"),
        "clarification": rate(answerable, lambda r: r.verdict.startswith("clarify")),
        "escalation recall": rate(
            [r for r in results if r.expected == "escalate"], lambda r: r.verdict == "escalated"
        ),
        "out-of-scope rejection (fr)": rate(
            [r for r in results if r.expected == "out_of_scope" and r.group == "fr"],
            lambda r: r.verdict in ("rejected", "not_understood"),
        ),
        "out-of-scope rejection (en)": rate(
            [r for r in results if r.expected == "out_of_scope" and r.group == "en"],
            lambda r: r.verdict in ("rejected", "not_understood"),
        ),
        "CLINC150 probes answered": (
            sum(p.outcome in GIVES_KB_CONTENT for p in probes) / len(probes)
        )
        if probes
        else float("nan"),
        "reply language (3+ words)": rate(
            [r for r in results if r.words >= 3], lambda r: r.language_right
        ),
        "reply language (all)": rate(results, lambda r: r.language_right),
    }
    if dialogues:
        figures["dialogues passed"] = sum(d.passed for d in dialogues) / len(dialogues)
    return figures


def meets(name: str, value: float) -> bool:
    comparison, target = TARGETS[name]
    return value >= target if comparison == ">=" else value <= target
