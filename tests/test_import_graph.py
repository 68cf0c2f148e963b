"""The layers import one way (design §4; README "Code layout and conventions").

Read from the source (every ``import`` statement, inside functions too), so a lazy import cannot
hide a cycle: accounts ← workflow ← nominations; inside the award domain, models → selectors →
services → flows → processes → views, with no cycle at all; a service never imports a flow, a
process or a view, and a flow never imports a view or a process.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("accounts", "workflow", "nominations", "config")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: Path) -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path, root)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module a dotted name starts with (``a.b.func`` → ``a.b``)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(root: Path) -> dict[str, set[str]]:
    known = _modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                resolved = _resolve(target, known)
                if resolved is not None and resolved != name:
                    graph[name].add(resolved)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(Path(settings.BASE_DIR))


def _edges(graph, source: str, target: str) -> list[tuple[str, str]]:
    return sorted((a, b) for a, targets in graph.items() if a == source or a.startswith(source + ".")
                  for b in targets if b == target or b.startswith(target + "."))


def test_the_award_domain_has_no_import_cycle(graph):
    domain = {name: {t for t in targets if t.startswith("nominations")}
              for name, targets in graph.items() if name.startswith("nominations")}
    assert cycles(domain) == []


@pytest.mark.parametrize(("source", "target"), [
    ("accounts", "workflow"), ("accounts", "nominations"), ("workflow", "nominations"),
    ("nominations.services", "nominations.flows"), ("nominations.services", "nominations.processes"),
    ("nominations.services", "nominations.views"), ("nominations.flows", "nominations.views"),
    ("nominations.flows", "nominations.processes"), ("nominations.selectors", "nominations.services"),
    ("nominations.models", "nominations.eligibility"),
])
def test_a_layer_never_imports_one_above_it(graph, source, target):
    assert _edges(graph, source, target) == []


def test_the_graph_sees_imports_inside_functions(tmp_path):
    """The reader is not fooled by a lazy import: a function-level import closes a cycle it reports."""
    package = tmp_path / "nominations"
    (package / "services").mkdir(parents=True)
    (package / "flows").mkdir()
    for init in (package, package / "services", package / "flows"):
        (init / "__init__.py").write_text("")
    (package / "flows" / "dossier.py").write_text("from ..services.dossiers import dossier_create\n")
    (package / "services" / "dossiers.py").write_text(
        "def dossier_create():\n    from ..flows.dossier import DossierFlow\n    return DossierFlow\n")
    for app in APPS:
        (tmp_path / app).mkdir(exist_ok=True)

    found = import_graph(tmp_path)

    assert cycles(found) == [["nominations.flows.dossier", "nominations.services.dossiers"]]
    assert _edges(found, "nominations.services", "nominations.flows") == [
        ("nominations.services.dossiers", "nominations.flows.dossier")]
