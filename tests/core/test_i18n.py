"""The bilingual string tables: one area per key, both languages, the same placeholders."""

from __future__ import annotations

import ast
import string
from collections import Counter
from pathlib import Path

from assistant.core.i18n import AREAS, LANGUAGES, STRINGS, both, colon, t

PACKAGE = Path(__file__).resolve().parents[2] / "assistant" / "core" / "i18n"


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_no_key_is_defined_in_two_areas():
    counts = Counter(key for table in AREAS.values() for key in table)
    assert [key for key, n in counts.items() if n > 1] == []
    assert len(STRINGS) == sum(len(table) for table in AREAS.values())


def test_no_key_is_written_twice_in_one_area():
    """A repeated key in a dict literal silently keeps the last one."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert sorted(k for k, n in Counter(keys).items() if n > 1) == [], path.name


def test_every_area_module_is_merged():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "languages", "lookup"}
    assert modules == set(AREAS)


def test_every_key_has_both_languages_with_the_same_placeholders():
    problems = [
        key
        for key, table in STRINGS.items()
        if set(table) != set(LANGUAGES)
        or not all(table.get(language, "").strip() for language in LANGUAGES)
        or _placeholders(table["fr"]) != _placeholders(table["en"])
    ]
    assert problems == []


def test_lookup_falls_back_to_french_and_to_the_generic_error():
    assert t("page_title", "en") == STRINGS["page_title"]["en"]
    assert t("page_title", None) == t("page_title", "de") == STRINGS["page_title"]["fr"]
    assert t("no such key", "en") == STRINGS["error"]["en"]
    assert both("error") == f"{STRINGS['error']['fr']} / {STRINGS['error']['en']}"
    assert (colon("fr"), colon("en"), colon(None)) == (" : ", ": ", " : ")
