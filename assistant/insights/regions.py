"""Visitors' regions from their browser's time zone, coarse: "Europe/Paris" -> "europe".
Never per person on a page or in an export: only counts, with the k-anonymity rule."""

from __future__ import annotations

# The first part of an IANA zone name -> the region shown.
_REGIONS = {
    "Africa": "africa",
    "America": "americas",
    "US": "americas",
    "Canada": "americas",
    "Brazil": "americas",
    "Chile": "americas",
    "Mexico": "americas",
    "Antarctica": "other",
    "Arctic": "europe",
    "Asia": "asia",
    "Atlantic": "atlantic",
    "Australia": "oceania",
    "Pacific": "oceania",
    "Europe": "europe",
    "Indian": "indian_ocean",
}
REGIONS = ("americas", "europe", "africa", "asia", "oceania", "atlantic", "indian_ocean", "other")
UNKNOWN = "unknown"


def region_of(timezone: str | None) -> str:
    """The region of an IANA zone; ``unknown`` without one (or for UTC / Etc zones)."""
    if not timezone or "/" not in timezone:
        return UNKNOWN
    return _REGIONS.get(timezone.split("/", 1)[0], "other")
