"""The house's shape, checked: no run-time import cycle in generator/, and a plugin that is glue.

import-linter (`lint-imports`, in `make test`) keeps the layers; it reads only what a module
imports at its top. A cycle can also run through an import inside a function, which runs
the first time the function is called: this graph has both kinds. An import under
`if TYPE_CHECKING:` never runs, so it is left out.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent
PLUGIN_LIMIT = 130


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that runs, at any depth: not the body of `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        if isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The modules of ours that an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join(anchor + ([base] if base else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _with_parents(name: str) -> list[str]:
    """Importing a.b.c runs a, then a.b, then a.b.c."""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        edges: set[str] = set()
        for node in _imports(tree):
            for target in _targets(node, name, path.name == "__init__.py"):
                edges.update(t for t in _with_parents(target) if t in modules and t != name)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as the path that closes it, or None (a depth-first walk)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path = [start]
        todo = [iter(sorted(graph[start]))]
        while todo:
            step = next(todo[-1], None)
            if step is None:
                done.add(path.pop())
                todo.pop()
            elif step in path:
                return path[path.index(step) :] + [step]
            elif step not in done:
                path.append(step)
                todo.append(iter(sorted(graph.get(step, ()))))
    return None


def test_the_graph_sees_function_level_imports_and_skips_type_checking_ones() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "import generator.a\n"
        "if TYPE_CHECKING:\n"
        "    from generator.b import B\n"
        "def f() -> None:\n"
        "    from generator.c import d\n"
    )
    names = {t for n in _imports(tree) for t in _targets(n, "generator.x", False)}
    assert names == {
        "typing",
        "typing.TYPE_CHECKING",
        "generator.a",
        "generator.c",
        "generator.c.d",
    }


def test_a_cycle_is_found_and_shown() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle_in_the_package() -> None:
    modules = _modules()
    graph = import_graph(modules)
    assert sum(len(e) for e in graph.values()) > len(modules)  # the graph is not empty
    cycle = find_cycle(graph)
    assert cycle is None, "run-time import cycle: " + " -> ".join(cycle or [])


def code_lines(source: str) -> int:
    """Lines holding code: not blank, not only a comment, not part of a docstring."""
    tree = ast.parse(source)
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.update(range(body[0].lineno, (body[0].end_lineno or 0) + 1))
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT):
            continue
        if token.type in (tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - docstrings)


def test_code_lines_leave_out_blanks_comments_and_docstrings() -> None:
    source = (
        '"""Doc\n\nmore."""\n\n# a comment\nx = 1  # counted\n\n\n'
        'def f():\n    """One."""\n    return (\n        2\n    )\n'
    )
    assert code_lines(source) == 5


def test_the_plugin_is_glue() -> None:
    n = code_lines((PACKAGE / "plugin.py").read_text("utf-8"))
    assert n <= PLUGIN_LIMIT, f"generator/plugin.py has {n} code lines; at most {PLUGIN_LIMIT}"
