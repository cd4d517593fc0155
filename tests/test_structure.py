"""The code's structure, read from its imports (an AST walk, nothing is imported): no import
cycle between modules or between packages, domain packages free of the web layer, the app's
wiring and the Rasa actions, and no Python file over 400 lines."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("assistant", "actions")  # the import graph
SIZED = ("assistant", "actions", "scripts", "benchmarks", "tests")  # the line limit
MAX_LINES = 400
DOMAIN_PACKAGES = tuple(
    f"assistant.{area}"
    for area in (
        "cases",
        "chat",
        "core",
        "db",
        "embeddings",
        "events",
        "inbox",
        "insights",
        "jobs",
        "kb",
        "mail",
        "nlu",
        "privacy",
        "routing",
        "staff",
    )
)
# What a domain package must not import: the presentation, the app's wiring, the Rasa actions.
OUTER_LAYERS = (
    "assistant.web",
    "assistant.services",
    "assistant.server",
    "assistant.launcher",
    "actions",
)


Graph = Mapping[str, set[str]]


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The ``known`` modules that ``module``'s source imports, wherever the import stands
    (also inside functions and ``if TYPE_CHECKING:``). ``from p import m`` counts as importing
    the module ``p.m`` when there is one, else ``p``."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if name in known else base for name in names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph(root: Path = ROOT, sources: Iterable[str] = SOURCES) -> dict[str, set[str]]:
    files = {module_name(p, root): p for s in sources for p in sorted((root / s).rglob("*.py"))}
    known = set(files)
    graph = {
        module: imported_modules(path.read_text(), module, path.name == "__init__.py", known)
        for module, path in files.items()
    }
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The import cycles: each strongly connected group of two or more nodes, sorted (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def package_of(module: str) -> str:
    """``assistant.<area>`` for the modules of an area (a top-level module is its own),
    ``actions`` for every action module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "assistant" else parts[0]


def package_graph(graph: Graph) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        edges = packages.setdefault(package_of(module), set())
        edges |= {package_of(t) for t in targets} - {package_of(module)}
    return packages


def _within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in packages)


def upward_imports(graph: Graph) -> list[str]:
    """Domain modules importing the web layer, the app's wiring or the actions."""
    return sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _within(module, DOMAIN_PACKAGES)
        for target in targets
        if _within(target, OUTER_LAYERS)
    )


def oversized(root: Path = ROOT) -> list[str]:
    found = []
    for folder in SIZED:
        for path in sorted((root / folder).rglob("*.py")):
            lines = len(path.read_text().splitlines())
            name = path.relative_to(root).as_posix()
            if lines > MAX_LINES:
                found.append(f"{name}: {lines} lines")
    return found


# --- the checks ------------------------------------------------------------------------------


def test_no_import_cycle_between_modules():
    assert cycles(import_graph()) == []


def test_no_import_cycle_between_packages():
    assert cycles(package_graph(import_graph())) == []


def test_domain_packages_import_no_web_wiring_or_actions():
    assert upward_imports(import_graph()) == []


def test_no_python_file_over_400_lines():
    assert oversized() == []


# --- the checkers themselves catch violations --------------------------------------------------


def test_cycles_finds_every_cycle_and_nothing_else():
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},  # a -> b -> c -> a
        "d": {"e"},
        "e": {"d"},  # d <-> e
        "f": {"a"},  # points into a cycle, is not in one
    }
    assert cycles(graph) == [["a", "b", "c"], ["d", "e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_package_graph_joins_modules_by_area():
    graph = {
        "assistant.kb.store": {"assistant.db.models"},
        "assistant.db.models": {"assistant.kb.models"},
        "assistant.kb.models": set(),
    }
    graph["actions.route"] = {"actions.kb_answer", "assistant.kb.store"}
    assert package_graph(graph) == {
        "assistant.kb": {"assistant.db"},
        "assistant.db": {"assistant.kb"},
        "actions": {"assistant.kb"},
    }
    assert cycles(package_graph(graph)) == [["assistant.db", "assistant.kb"]]


def test_upward_imports_names_the_offending_arrow():
    graph = {
        "assistant.kb.store": {"assistant.web.staff.urls", "assistant.db.models"},
        "assistant.inbox.service": {"assistant.services"},
        "assistant.web.deps": {"assistant.services"},  # the web layer may
        "assistant.webhooks": {"actions"},  # not a domain package (a prefix is not enough)
    }
    assert upward_imports(graph) == [
        "assistant.inbox.service -> assistant.services",
        "assistant.kb.store -> assistant.web.staff.urls",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pkg.a", {"pkg.a"}),
        ("from pkg import a", {"pkg.a"}),
        ("from pkg.a import something", {"pkg.a"}),
        ("from . import a", {"pkg.a"}),
        ("from .a import something", {"pkg.a"}),
        ("from pkg import not_a_module", {"pkg"}),
        ("def later():\n    import pkg.a", {"pkg.a"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a", {"pkg.a"}),
        ("import os", set()),
    ],
)
def test_imported_modules_reads_every_form_of_import(source: str, expected: set[str]):
    known = {"pkg", "pkg.a", "pkg.b"}
    assert imported_modules(source, "pkg.b", False, known) == expected


def test_oversized_counts_lines(tmp_path: Path):
    for folder in SIZED:
        (tmp_path / folder).mkdir()
    (tmp_path / "scripts" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "actions" / "short.py").write_text("x = 1\n" * MAX_LINES)
    assert oversized(tmp_path) == [f"scripts/long.py: {MAX_LINES + 1} lines"]
