"""The README's map of the repository stays true: every path it names exists."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def named_paths(text: str) -> list[str]:
    """Backticked tokens that look like repository paths (`assistant/kb/`, `domain.yml`)."""
    paths = []
    for token in re.findall(r"`([^`\n]+)`", text):
        if " " in token or token.startswith(("/", "http", "ASSISTANT")):
            continue
        if "/" in token or re.fullmatch(r"[\w.-]+\.(?:py|yml|yaml|md|txt|json|html|js|css)", token):
            paths.append(token)
    return paths


def candidates(path: str) -> list[str]:
    """`data/nlu/{fr,en}/` -> both; `web/staff/<area>_pages.py` -> its folder."""
    path = path.split("<", 1)[0]
    options = re.findall(r"\{([^}]*)\}", path)
    template = re.sub(r"\{[^}]*\}", "{}", path)
    return [template.format(*c) for c in itertools.product(*(o.split(",") for o in options))]


def exists(path: str) -> bool:
    for candidate in candidates(path):
        if "*" in candidate:
            if not list(ROOT.glob(candidate)):
                return False
        elif not (ROOT / candidate).exists() and not list(
            (ROOT / "assistant").glob(f"**/{candidate}")  # `templates/demo.html` in web/
        ):
            return False
    return True


def test_the_where_to_change_what_map_names_only_existing_paths():
    paths = named_paths(section("Where to change what"))
    assert len(paths) >= 25  # the map names files, not just areas
    assert [p for p in paths if not exists(p)] == []


def test_the_file_map_names_only_existing_paths():
    paths = named_paths(section("File map"))
    assert len(paths) >= 20
    assert [p for p in paths if not exists(p)] == []


def test_the_path_reader_sees_a_missing_file():
    assert not exists("assistant/no_such_module.py")
    assert not exists("data/nlu/{fr,xx}/")
    assert exists("data/nlu/{fr,en}/")
    assert exists("assistant/web/staff/<area>_pages.py")
