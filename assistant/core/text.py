"""Text folded for matching: "Québec", "QUEBEC" and "quebec" compare equal.

Pure (the standard library only), so it imports in either environment (the app's and Rasa's).
"""

from __future__ import annotations

import unicodedata

# Letters with a stroke, which Unicode does not decompose into a letter and an accent.
_STROKES = str.maketrans({"ł": "l", "ø": "o", "đ": "d"})


def fold(text: str) -> str:
    """Lowercase, without accents ("Québec" -> "quebec", "Dzień dobry" -> "dzien dobry")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_STROKES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
