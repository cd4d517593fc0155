"""Prints the ``make eval-e2e`` report: tables per language and writing style, the probes,
the dialogues, the latency and the targets met or missed."""

from __future__ import annotations

from collections import Counter

from assistant.evaluation.e2e_client import DialogueResult, Reply
from assistant.evaluation.e2e_scoring import GOOD_VERDICTS, TARGETS, Result, meets, share
from assistant.evaluation.metrics import percentile


def _pct(value: float) -> str:
    return "   -  " if value != value else f"{100 * value:5.1f}%"


def print_tables(
    results: list[Result],
    probes: list[Reply],
    dialogues: list[DialogueResult],
    figures: dict[str, float],
    latencies: list[float],
) -> None:
    columns = [
        "right",
        "wrong",
        "clarify_right",
        "clarify_wrong",
        "refused",
        "not_understood",
        "escalated",
    ]
    print("\nAnswerable inquiries (share of each language's answerable inquiries)")
    print(f"{'language':<10}{'n':>5}" + "".join(f"{c:>16}" for c in columns))
    for group in ("fr", "en", "other"):
        pool = [r for r in results if r.expected == "answer" and r.group == group]
        counts = Counter(r.verdict for r in pool)
        print(
            f"{group:<10}{len(pool):>5}"
            + "".join(
                f"{_pct(counts[c] / len(pool) if pool else float('nan')):>16}" for c in columns
            )
        )

    print("\nOther expectations (share handled right)")
    print(
        f"{'language':<10}{'escalation':>14}{'out of scope':>16}{'small talk':>14}{'reply lang':>14}"
    )
    for group in ("fr", "en", "other"):
        row = [
            share(
                [r for r in results if r.group == group and r.expected == e],
                lambda r, good=good: r.verdict in good,  # type: ignore[misc]
            )
            for e, good in GOOD_VERDICTS.items()
        ]
        language = share([r for r in results if r.group == group], lambda r: r.language_right)
        print(f"{group:<10}" + "".join(f"{_pct(v):>9} ({n:>3})" for v, n in [*row, language]))

    print("\nRight answers by writing style (answerable inquiries, all languages)")
    styles = sorted({r.style for r in results})
    for style in styles:
        value, n = share(
            [r for r in results if r.style == style and r.expected == "answer"],
            lambda r: r.verdict == "right",
        )
        if n:
            print(f"  {style:<16}{_pct(value)} of {n}")

    if probes:
        outcomes = Counter(p.outcome for p in probes)
        print(
            f"\nCLINC150 validation probes ({len(probes)}): "
            + ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
        )
    if dialogues:
        print(f"\nDialogues: {sum(d.passed for d in dialogues)}/{len(dialogues)} passed")
        for d in dialogues:
            if not d.passed:
                print(f"  FAIL {d.id}: " + "; ".join(d.failures[:3]))
    if latencies:
        print(
            f"\nTurn latency through the API: p50 {1000 * percentile(latencies, 0.5):.0f} ms, p95 {1000 * percentile(latencies, 0.95):.0f} ms (4 at a time)"
        )

    print("\nTargets")
    for name in TARGETS:
        if name in figures:
            mark = "met" if meets(name, figures[name]) else "MISSED"
            comparison, target = TARGETS[name]
            print(
                f"  {name:<30}{_pct(figures[name])}  target {comparison} {100 * target:.0f}%  {mark}"
            )
