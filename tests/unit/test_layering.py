"""The layering, over every module: pages → components → domain package (`sozialraum`), the domain
never imports Streamlit, and no import cycle among the modules at import time."""

from __future__ import annotations

import ast
from pathlib import Path

from sozialraum.settings import REPO_ROOT

FORBIDDEN = {
    "sozialraum": ("streamlit", "components", "pages", "app"),
    "components": ("pages", "app"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved)."""
    return imports_in(path.read_text("utf-8"), module_name(path), path.name == "__init__.py", top_level_only)


def imports_in(source: str, module: str, is_package: bool, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(source)
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            found.add(origin)
            found |= {f"{origin}.{alias.name}" for alias in node.names}  # `from . import x` imports x
    return found


def modules(*folders: str) -> dict[str, Path]:
    return {module_name(p): p for folder in folders for p in sorted((REPO_ROOT / folder).rglob("*.py"))}


def test_lower_layers_never_import_upper_ones() -> None:
    found = []
    for layer, forbidden in FORBIDDEN.items():
        for name, path in modules(layer).items():
            for imported in imports(path):
                if imported.split(".")[0] in forbidden:
                    found.append(f"{name} importiert {imported}")
    assert found == []


def test_the_check_sees_imports_hidden_in_functions() -> None:
    """A lazy import inside a function counts as well; relative imports are resolved."""
    source = "def f() -> None:\n    import streamlit as st\n    from ..components import layout\n"
    assert {"streamlit", "components.layout"} <= imports_in(source, "sozialraum.x", is_package=False)
    assert "sozialraum.auth" in imports_in("from .auth import decide\n", "sozialraum.pages", is_package=False)


def test_no_import_cycles() -> None:
    """Module-level imports among our own modules form no cycle (an import-time cycle breaks as soon as
    someone reorders two lines)."""
    own = modules("sozialraum", "components")
    graph = {
        name: {i for i in imports(path, top_level_only=True) if i in own and i != name} for name, path in own.items()
    }
    # a package's __init__ importing its own submodules is no cycle: the submodule is loaded first
    for name in graph:
        graph[name] = {i for i in graph[name] if not (name.startswith(i + ".") and i in own)}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []
