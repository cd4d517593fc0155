"""Every string of the widget's interface exists in French and in English (bilingual by
construction), read from the tables in widget.js without a browser."""

from __future__ import annotations

import re
from pathlib import Path

WIDGET = (
    Path(__file__).resolve().parents[2] / "assistant" / "web" / "static" / "widget" / "widget.js"
)


def _tables() -> dict[str, dict[str, str]]:
    source = WIDGET.read_text(encoding="utf-8")
    block = source[
        source.index("var STRINGS = {") : source.index("};", source.index("var STRINGS"))
    ]
    fr = block[block.index("fr: {") : block.index("en: {")]
    en = block[block.index("en: {") :]
    value = re.compile(r'^\s{6}(\w+):\s*"((?:[^"\\]|\\.)*)"', re.MULTILINE)
    return {"fr": dict(value.findall(fr)), "en": dict(value.findall(en))}


def test_every_widget_string_exists_in_both_languages():
    tables = _tables()
    assert len(tables["fr"]) > 30
    assert set(tables["fr"]) == set(tables["en"])
    assert all(text.strip() for table in tables.values() for text in table.values())


def test_the_french_and_english_strings_are_translations_not_copies():
    tables = _tables()
    same = {key for key in tables["fr"] if tables["fr"][key] == tables["en"][key]}
    # words that are the same in both languages ("Assistant", "Conversation") and names only
    assert len(same) <= 3, same
    assert (
        tables["fr"]["otherLanguage"] == "English" and tables["en"]["otherLanguage"] == "Français"
    )
