"""Is the question only an acronym that several entries are about ("c'est quoi le CAQ?")?

The Québec Acceptance Certificate exists for studies and for work, and each has its entry; a
visitor who asks "what is the CAQ" has not said which, and whichever the classifier happens to
lean to would be a guess. Such a question gets a choice between the entries whose titles name
the acronym as the subject — in parentheses after its name, "Certificat d'acceptation du Québec
(CAQ) pour études" — and only when the question holds nothing else than the acronym and the
words of "what is". A title that names it in passing ("CAQ, then study permit") does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.routing.places import fold

_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")  # "Certificat d'acceptation du Québec (CAQ)"
_WORD = re.compile(r"[a-z0-9]+")
# "c'est quoi le", "qu'est-ce que le", "what is the", "que veut dire", "meaning of", "svp"…
_ASKING_WHAT_WORDS = (
    "c cest est quoi qu quest ce que qui veut dire signifie definition le la les l un une du "
    "de des d what whats is are does mean means meaning of the a an define exactly exactement "
    "svp stp please pls ca sa"
)
_ASKING_WHAT = frozenset(_ASKING_WHAT_WORDS.split())


def entries_named_by_acronym(question: str, titles: Iterable[tuple[str, str]]) -> frozenset[str]:
    """``titles``: (entry id, title) pairs, every language. The entries whose titles name the
    acronym the question is made of, when there are several; else none."""
    words = [w for w in _WORD.findall(fold(question)) if w not in _ASKING_WHAT]
    if len(words) != 1:
        return frozenset()
    term = words[0].upper()
    named = frozenset(entry for entry, title in titles if term in _ACRONYM.findall(title))
    return named if len(named) >= 2 else frozenset()
