"""The core's shape (hooks/cchc/__init__.py has the map): no engine import, no cycle, and no
feature reads another feature's pages; beside it, only the engine-side modules named here."""

from __future__ import annotations

import ast
from pathlib import Path

from projects import ROOT

CORE = ROOT / "hooks" / "cchc"
FEATURES = ("plan", "progress", "articles", "feedback")
"""`site` is not a feature: its assembly reads every feature's pages, on purpose."""
ENGINE_SIDE = {"cchc_site": "the adapter mkdocs.yml lists as its hook", "cchc_preview": "the preview cache it imports"}
"""The modules beside the core in hooks/: they import MkDocs, Material and Jinja; the core imports
neither them nor any engine."""
ENGINES = ("mkdocs", "properdocs", "material", *ENGINE_SIDE)


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, relative imports made absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in CORE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_the_core_imports_no_engine():
    """Nor the engine-side modules beside it: the core must build without MkDocs."""
    for path in CORE.rglob("*.py"):
        engines = {m for m in imports_of(path) if m.split(".")[0] in ENGINES}
        assert not engines, f"{path.relative_to(ROOT)} imports {sorted(engines)}"


def test_beside_the_core_are_only_the_adapter_and_its_preview_cache():
    """A new module in hooks/ is named in ENGINE_SIDE (and so kept out of the core) on purpose."""
    found = {path.stem for path in (ROOT / "hooks").glob("*.py")}
    assert found == set(ENGINE_SIDE), f"hooks/ holds {sorted(found)}"


def test_the_preview_cache_does_not_import_the_adapter():
    """The adapter imports the preview cache, once per process; the other way round would be a
    cycle, and the adapter is loaded by path (mkdocs.yml), not by the name it would import."""
    assert "cchc_preview" in imports_of(ROOT / "hooks" / "cchc_site.py")
    assert "cchc_site" not in imports_of(ROOT / "hooks" / "cchc_preview.py")


def test_no_feature_imports_the_pages_of_another():
    for name, targets in graph().items():
        feature = name.split(".")[1] if "." in name else ""
        if feature not in FEATURES:
            continue
        for target in targets:
            parts = target.split(".")
            if len(parts) == 3 and parts[2] == "pages" and parts[1] != feature:
                raise AssertionError(f"{name} imports {target}")


def test_the_import_graph_has_no_cycle():
    edges = graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join(path + (name,))
        if name in done:
            return
        for target in sorted(edges[name]):
            visit(target, path + (name,))
        done.add(name)

    for name in sorted(edges):
        visit(name, ())


def test_the_graph_sees_relative_imports():
    """Guards the checks above: they would pass on an empty graph."""
    assert "cchc.site.addresses" in graph()["cchc.articles.pages"]
    assert "cchc.base.errors" in graph()["cchc.plan.model"]


LONGEST_FUNCTION = 50
"""Lines of a function, from its `def` to its last line: issue 10 asks that each one fits on a
screen. Decorators and the docstring count; a long function reads better split by meaning."""


def long_functions(root: Path) -> list[str]:
    """Every function under `root` longer than `LONGEST_FUNCTION` lines, as path:line name (n lines)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > LONGEST_FUNCTION:
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_in_the_hooks_is_over_fifty_lines():
    """The core and the adapter both: hooks/ holds them all."""
    found = long_functions(ROOT / "hooks")
    assert not found, "split these by meaning:\n" + "\n".join(found)


def test_the_length_check_sees_a_long_function(tmp_path):
    """Guards the check above: it would pass if it walked no file or counted no line."""
    body = "\n".join(f"    x{n} = {n}" for n in range(LONGEST_FUNCTION))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n\n\ndef short():\n    pass\n", encoding="utf-8")
    found = long_functions(tmp_path)
    assert len(found) == 1 and found[0].endswith(f"long ({LONGEST_FUNCTION + 1} lines)"), found
