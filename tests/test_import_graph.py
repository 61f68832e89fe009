"""The shape of the code: `library/` never imports `reader/` (or Qt), and no module imports
itself back through others: no import circles, not even through imports inside functions.

The graph is read from the source (an AST walk, nothing is imported), so an import made
lazily inside a function counts like one at the top of the module, and so does
`importlib.import_module("some.module")` with a literal name. The rules:

- `import a.b.c` imports the module `a.b.c`;
- `from a.b import name` imports `a.b` (the package's `__init__` if `a.b` is a package), and
  also `a.b.name` when that is a module of ours;
- relative imports are resolved against the importing module's package.

The implicit import of parent packages (`import a.b.c` runs `a/__init__.py` first) is not
an edge: it is what Python always does and it cannot form a circle on its own. A package
`__init__` that imports one of its submodules, which imports names from that `__init__`,
*is* a circle: the shared names belong in a small module of their own.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("library", "reader")
FORBIDDEN_IN_LIBRARY = ("reader", "PySide6", "shiboken6")


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    # (imported module name, line) for every import, ours or not.
    imports: list[tuple[str, int]] = field(default_factory=list)


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def discover() -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            name, is_package = module_name(path)
            modules[name] = Module(name, path, is_package)
    return modules


def _resolve_relative(module: Module, level: int, target: str | None) -> str:
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    parts = package.split(".")
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    return f"{base}.{target}" if target else base


def _import_module_target(node: ast.Call) -> str | None:
    """The module named by `importlib.import_module("x.y")`, `import_module("x.y")` or
    `__import__("x.y")` (a literal name; a relative one is taken from the caller's package)."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__") or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def imported_names(module: Module, known: set[str]) -> Iterator[tuple[str, int]]:
    tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                source = _resolve_relative(module, node.level, node.module)
            else:
                source = node.module or ""
            yield source, node.lineno
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                if candidate in known:
                    yield candidate, node.lineno
        elif isinstance(node, ast.Call):
            target = _import_module_target(node)
            if target and target.startswith("."):
                target = _resolve_relative(module, len(target) - len(target.lstrip(".")),
                                           target.lstrip(".") or None)  # fmt: skip
            if target:
                yield target, node.lineno


def _ours(name: str, known: set[str]) -> str | None:
    """The module of ours that importing `name` loads (the longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def build_graph() -> tuple[dict[str, Module], dict[str, dict[str, int]]]:
    """The modules, and for each one the modules of ours it imports (with a line number)."""
    modules = discover()
    known = set(modules)
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for module in modules.values():
        for target, line in imported_names(module, known):
            module.imports.append((target, line))
            ours = _ours(target, known)
            if ours and ours != module.name:
                graph[module.name].setdefault(ours, line)
    return modules, graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's algorithm (iterative): the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def cycle_through(start: str, members: set[str], graph: dict[str, dict[str, int]]) -> list[str]:
    """A shortest path start -> ... -> start inside one component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"{start} is in no circle")  # pragma: no cover


def describe(path: list[str], graph: dict[str, dict[str, int]]) -> str:
    steps = [f"{a} (line {graph[a][b]})" for a, b in itertools.pairwise(path)]
    return " -> ".join([*steps, path[-1]])


# --- the rules --------------------------------------------------------------------------


def test_the_walk_sees_lazy_imports_and_import_module_calls(tmp_path, monkeypatch):
    pkg = tmp_path / "library"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from library.b import thing\n")
    (pkg / "a.py").write_text(
        "import importlib\n"
        "def f():\n"
        "    from . import b\n"
        "    return importlib.import_module('reader.x'), __import__('json')\n"
    )
    (pkg / "b.py").write_text("def g():\n    from .a import f\n")
    (tmp_path / "reader").mkdir()
    (tmp_path / "reader" / "x.py").write_text("")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    modules, graph = build_graph()
    assert graph["library.a"] == {"library": 3, "library.b": 3, "reader.x": 4}
    assert graph["library.b"] == {"library.a": 2}
    assert graph["library"] == {"library.b": 1}
    assert {tuple(c) for c in strongly_connected(graph)} == {("library", "library.a", "library.b")}
    assert "reader.x" in {t for t, _ in modules["library.a"].imports}


def test_the_core_imports_nothing_from_the_reader_or_qt():
    modules, _ = build_graph()
    upward = [
        f"{m.path.relative_to(ROOT)}:{line} imports {target}"
        for m in modules.values()
        if m.name.split(".")[0] == "library"
        for target, line in m.imports
        if target.split(".")[0] in FORBIDDEN_IN_LIBRARY
    ]
    assert not upward, "library/ must not depend on reader/ or Qt:\n" + "\n".join(upward)


def test_there_are_no_import_circles():
    _, graph = build_graph()
    report = []
    for component in strongly_connected(graph):
        members = set(component)
        inside = [
            f"      {a} -> {b} (line {line})"
            for a in component
            for b, line in sorted(graph[a].items())
            if b in members
        ]
        circle = describe(cycle_through(component[0], members, graph), graph)
        report.append(f"  {circle}\n    imports among these {len(component)} modules:")
        report.extend(inside)
    assert not report, "import circles:\n" + "\n".join(report)


def _layer(module: str) -> str:
    """The folder a module belongs to: `library.marks.tags` -> `library.marks`; a module
    directly in `library/` or `reader/` is a layer of its own."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_the_folders_form_layers():
    """Folders import each other one way only (views never import panels back, storage
    never imports search back…), so each folder can be read without those above it."""
    _, graph = build_graph()
    folders: dict[str, dict[str, int]] = {}
    examples: dict[tuple[str, str], str] = {}
    for a, targets in graph.items():
        for b, line in targets.items():
            la, lb = _layer(a), _layer(b)
            if la != lb and not lb.endswith(("library", "reader")):
                folders.setdefault(la, {})[lb] = line
                examples.setdefault((la, lb), f"{a} -> {b} (line {line})")
            folders.setdefault(lb, {})
    report = []
    for component in strongly_connected(folders):
        members = set(component)
        report.append(" <-> ".join(sorted(component)))
        report.extend(
            f"    {examples[(a, b)]}" for a in component for b in folders[a] if b in members
        )
    assert not report, "folders that import each other:\n" + "\n".join(report)


def test_the_reader_runs_no_sql():
    """Every read and edit of the library is a function of library/: the reader never
    touches a connection or writes a statement of its own."""
    statement = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    found = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if statement.search(node.value):
                    found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in ("conn", "execute"):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert found == []
