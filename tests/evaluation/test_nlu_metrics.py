"""The NLU evaluation's scoring and tables (``make eval-nlu``), on a handful of messages."""

from __future__ import annotations

from pathlib import Path

from assistant.evaluation.nlu_data import Item, normalise
from assistant.evaluation.nlu_metrics import confusions, is_correct, slice_metrics, slices
from assistant.evaluation.nlu_report import table
from assistant.evaluation.nlu_run import Run

ITEMS = [
    Item("Comment investir?", "invest", "fr", "fr held-out"),
    Item("Bonjour", "greet", "fr", "fr held-out"),
    Item("Book a flight", "out_of_scope", "en", "clinc out-of-scope"),
    Item("Order a pizza", "out_of_scope", "en", "clinc out-of-scope"),
]


def test_a_rejected_out_of_scope_message_counts_as_right_and_a_fallback_elsewhere_as_wrong():
    assert is_correct("out_of_scope", "nlu_fallback")
    assert not is_correct("invest", "nlu_fallback")
    metrics = slice_metrics(
        ["invest", "greet", "out_of_scope", "out_of_scope"],
        ["invest", "nlu_fallback", "nlu_fallback", "invest"],
    )
    assert metrics["accuracy"] == 0.5
    assert (metrics["oos_recall_strict"], metrics["oos_recall_rejected"]) == (0.0, 0.5)
    assert metrics["in_scope_rejected"] == 0.5


def test_slices_and_confusions_follow_the_items():
    run = Run("chosen", Path("config.yml"), predictions=["invest", "greet", "invest", "invest"])
    groups = slices(ITEMS)
    assert groups == {"fr": [0, 1], "en": [2, 3], "all": [0, 1, 2, 3]}
    assert confusions(run, ITEMS, groups["all"]) == [
        {
            "true": "out_of_scope",
            "predicted": "invest",
            "count": 2,
            "examples": ["Book a flight", "Order a pizza"],
        }
    ]


def test_tables_align_numbers_right_and_show_nan_as_a_dash():
    assert table(["slice", "acc"], [["fr", 0.5], ["all", float("nan")]]).splitlines() == [
        "slice    acc",
        "-----  -----",
        "fr     0.500",
        "all        -",
    ]
    assert normalise("  Bonjour   LE Bureau ") == "bonjour le bureau"
