"""The package's shape (ARCHITECTURE.md): stages import only from stages before them, only
engine/ imports Whoosh, no import cycle, no module grown past one concern's size."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "searchidx"
# Import order of the stages: a module may import from its own stage and from earlier ones.
STAGES = {
    "models": 0, "errors": 0, "places": 0, "spellings": 0, "corpus": 1, "cleaning": 2, "extracting": 3, "read": 4,
    "schema": 5, "engine": 5, "naming": 5, "indexing": 6, "searching": 7, "index": 8, "render": 9, "_startup": 9,
    "cli": 10, "web": 10,
    "__init__": 10, "__main__": 11,
}
MAX_LINES = 450  # "a module past ~400 lines usually holds two concerns" (STYLE.md)


def modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(name: str, tree: ast.Module, is_package: bool) -> list[str]:
    """Every module ``name`` imports, anywhere in it (deferred imports too), but not for type checking."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(module)
            found.extend(f"{module}.{alias.name}" for alias in node.names)  # `from . import rules`
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    packages = {p.parent.relative_to(PACKAGE.parent).as_posix().replace("/", ".") for p in PACKAGE.rglob("__init__.py")}
    return {name: {m for m in imports(name, tree, name in packages) if m in mods and m != name}
            for name, tree in mods.items()}


def stage(module: str) -> int:
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else "__init__"]


def test_only_the_engine_imports_whoosh() -> None:
    mods = modules()
    packages = {p.parent.relative_to(PACKAGE.parent).as_posix().replace("/", ".") for p in PACKAGE.rglob("__init__.py")}
    outside = sorted(name for name, tree in mods.items()
                     if any(m == "whoosh" or m.startswith("whoosh.") for m in imports(name, tree, name in packages))
                     and not name.startswith("searchidx.engine"))
    assert outside == []


def test_stages_import_only_from_earlier_stages() -> None:
    wrong = sorted((a, b) for a, deps in graph().items() for b in deps if stage(b) > stage(a))
    assert wrong == []


def test_no_import_cycle() -> None:
    g = graph()
    # A package's __init__ importing its own submodules is how it lists its API, not a cycle.
    edges = {a: {b for b in deps if not b.startswith(a + ".")} for a, deps in g.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def walk(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt])
                return True
            if nxt not in state and walk(nxt, path + [node]):
                return True
        state[node] = 2
        return False

    for n in sorted(edges):
        if n not in state and walk(n, []):
            break
    assert cycle == []


def test_no_module_grows_past_one_concern() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_import_walker_sees_relative_and_deferred_imports() -> None:
    tree = ast.parse("from ..engine import Reader\ndef f():\n    from .documents import x\n"
                     "if TYPE_CHECKING:\n    import whoosh\n")
    assert imports("searchidx.indexing.run", tree, False) == [
        "searchidx.engine", "searchidx.engine.Reader", "searchidx.indexing.documents", "searchidx.indexing.documents.x"]
    assert imports("searchidx.cleaning.html", ast.parse("from . import rules"), True) == [
        "searchidx.cleaning.html", "searchidx.cleaning.html.rules"]


def test_the_faces_reach_the_library_only_through_its_public_modules() -> None:
    """web/ calls the library (`Index`, records, errors, render), never the engine's or a stage's insides."""
    public = {"searchidx", "searchidx.index", "searchidx.models", "searchidx.errors", "searchidx.render",
              "searchidx.searching", "searchidx.read"}
    wrong = sorted((a, b) for a, deps in graph().items() if a.startswith("searchidx.web")
                   for b in deps if not b.startswith("searchidx.web") and b not in public)
    assert wrong == []
