"""Runtime import cycles among the modules of `generator/`: `python scripts/import_cycles.py`.

Every `import` counts, at module level or inside a function (an import put in a function
to dodge a cycle is still a cycle when that function runs), except those under
`if TYPE_CHECKING:`, which never run. Importing `a.b.c` runs `a/b/__init__.py` first, so
it counts as importing the package `a.b` too (unless the importer is inside `a.b`).

Prints each cycle found (modules that import each other, directly or around a loop) and
exits 1; prints `no runtime import cycle` and exits 0 otherwise. `tests/test_imports.py`
runs the same check.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements that can run: not under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for branch in node.orelse:  # `else:` of `if TYPE_CHECKING` runs
                yield from _imports_in(branch)
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def imports_of(path: Path, modules: set[str], package: Path = PACKAGE) -> set[str]:
    """The modules of `modules` that the file at `path` imports when it runs."""
    name = module_name(path, package)
    base = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        origin = base
        for _ in range(max(0, node.level - 1)):
            origin = origin.rpartition(".")[0]
        target = f"{origin}.{node.module}" if node.level and node.module else node.module or origin
        for alias in node.names:  # `from . import text`: the submodule itself
            sub = f"{target}.{alias.name}"
            found.add(sub if sub in modules else target)
    found |= {parent for m in found for parent in _packages_above(m) if not _inside(name, parent)}
    return {m for m in found if m in modules and m != name}


def _packages_above(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    modules = set(files)
    return {name: imports_of(path, modules, package) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(out)


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    """A cycle's modules and which of them import which."""
    members = set(component)
    edges = [f"  {a} → {b}" for a in component for b in sorted(graph[a] & members)]
    return "cycle: " + ", ".join(component) + "\n" + "\n".join(edges)


def main() -> int:
    graph = import_graph()
    found = cycles(graph)
    for component in found:
        print(describe(component, graph))
    if not found:
        print(f"no runtime import cycle among the {len(graph)} modules of generator/")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
