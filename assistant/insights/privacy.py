"""The k-anonymity rule of every breakdown by country or region: a count below ``K`` is never
shown or exported, only "< 5"."""

from __future__ import annotations

K = 5
HIDDEN = "< 5"


def shown(count: int) -> int | None:
    """The count if it may be shown, else None (shown as HIDDEN)."""
    return count if count >= K else None


def label(count: int | None) -> str:
    return HIDDEN if count is None else str(count)
