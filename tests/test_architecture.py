"""The house's rules, checked on the source: imports point one way (no cycle, counting imports
inside functions and under TYPE_CHECKING), the strategy library stays below the application,
and no module grows past a size a reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tournament", "strategies")
MAX_CODE_LINES = 450
"""Lines of code per module (docstrings, comments and blank lines not counted)."""
DATA_MODULES = {"strategies.families.fsm_machines", "strategies.families.lookup_tables"}
"""Transcribed data tables, exempt from the size limit."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module ``path`` imports, wherever the import statement is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def test_no_import_cycles() -> None:
    graph = import_graph()
    # a package's __init__ importing its own submodules is how a facade works; the rest may not loop
    pruned = {
        name: {t for t in targets if not (name in PACKAGES and t.startswith(name + "."))}
        for name, targets in graph.items()
    }
    assert cycles(pruned) == []


SANDBOX_SIDE = ("strategies.user.sandbox", "strategies.user.submissions")
"""The sandbox and the loader that hands submitted files to it."""


@pytest.mark.parametrize(
    "forbidden",
    [
        "tournament.cli",
        "tournament.io",
        "tournament.stats",
        "tournament.evolution",
        "strategies.user.sandbox",
    ],
)
def test_the_strategy_library_stays_below_the_application(forbidden: str) -> None:
    graph = import_graph()
    library = [m for m in graph if m.startswith("strategies") and not m.startswith(SANDBOX_SIDE)]
    offenders = {
        m: sorted(t for t in graph[m] if t == forbidden or t.startswith(forbidden + ".")) for m in library
    }
    assert not {m: t for m, t in offenders.items() if t}


def test_core_does_not_import_strategies_or_the_application() -> None:
    graph = import_graph()
    core = [m for m in graph if m.startswith("tournament.core")]
    allowed = ("tournament.core", "tournament.settings", "tournament.errors", "tournament.fields")
    offenders = {m: sorted(t for t in graph[m] if not t.startswith(allowed)) for m in core}
    assert not {m: t for m, t in offenders.items() if t}


def code_lines(path: Path) -> int:
    """Lines that hold code: not blank, not comments, not docstrings."""
    source = path.read_text()
    doc_lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                doc_lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return sum(
        1
        for number, line in enumerate(source.splitlines(), 1)
        if line.strip() and not line.strip().startswith("#") and number not in doc_lines
    )


def test_no_module_is_too_long() -> None:
    long = {
        name: code_lines(path)
        for name, path in project_modules().items()
        if name not in DATA_MODULES and code_lines(path) > MAX_CODE_LINES
    }
    assert long == {}
