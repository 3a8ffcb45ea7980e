"""The code stays small enough to read: no module of archlint/ over 400 lines, no function
or method over 60 (its docstring included, decorators not). Each offender is named with its
file and line, so the failure says where to split."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from helpers import REPO

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MODULES = sorted((REPO / "archlint").rglob("*.py"))


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> Iterator[tuple[int, str, int]]:
    """(line, qualified name, length) of every function longer than `limit` lines, nested
    functions and methods included."""

    def visit(node: ast.AST, prefix: str) -> Iterator[tuple[int, str, int]]:
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield from visit(child, prefix)
                continue
            name = prefix + child.name
            length = (child.end_lineno or child.lineno) - child.lineno + 1
            if not isinstance(child, ast.ClassDef) and length > limit:
                yield child.lineno, name, length
            yield from visit(child, name + ".")

    yield from visit(ast.parse(source), "")


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(REPO).as_posix()}:{line}"


def test_no_module_is_over_400_lines():
    offenders = []
    for path in MODULES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            offenders.append(f"{where(path, 1)}: {lines} lines")
    advice = f"modules over {MAX_MODULE_LINES} lines; split them by job:"
    assert offenders == [], "\n".join([advice, *offenders])


def test_no_function_is_over_60_lines():
    offenders = [
        f"{where(path, line)}: {name} is {length} lines"
        for path in MODULES
        for line, name, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    advice = f"functions over {MAX_FUNCTION_LINES} lines; split them:"
    assert offenders == [], "\n".join([advice, *offenders])


def function(name: str, length: int, indent: str = "") -> str:
    """The source of a function of exactly `length` lines: def, docstring, statements."""
    body = [f'{indent}    """A docstring counts."""']
    body += [f"{indent}    x = {i}" for i in range(length - 2)]
    return "\n".join([f"{indent}def {name}():", *body]) + "\n"


def test_long_functions_counts_docstrings_methods_and_nested_functions():
    source = (
        function("fits", 60)  # lines 1-60
        + "class Estate:\n    @property\n"
        + function("too_long", 61, "    ")  # from line 63; the decorator does not count
        + "def outer():\n"  # line 124
        + function("inner", 61, "    ")
        + "    return inner\n"
    )
    assert list(long_functions(source)) == [
        (63, "Estate.too_long", 61),
        (124, "outer", 63),
        (125, "outer.inner", 61),
    ]
