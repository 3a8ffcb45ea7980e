"""The test suite keeps its own rules: tests import shared code from tests/helpers, never
from conftest.py or from one another, and every test that drives Chromium is marked
`browser` (so that `make test-fast` leaves it out)."""

from __future__ import annotations

import ast

from helpers import REPO

TESTS = REPO / "tests"
MODULES = sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)
TEST_MODULES = {p.stem for p in TESTS.glob("test_*.py")}


def imported(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, top-level module) of every import in the file."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def test_no_test_imports_conftest_or_another_test():
    offenders = [
        f"{path.relative_to(REPO)}:{line}: imports {name}"
        for path in MODULES
        for line, name in imported(ast.parse(path.read_text(encoding="utf-8")))
        if name == "conftest" or name in TEST_MODULES
    ]
    assert offenders == [], "move shared code to tests/helpers:\n" + "\n".join(offenders)


def marks_of(tree: ast.Module) -> set[str]:
    """The marks in a module's `pytestmark` (`pytest.mark.NAME`, alone or in a list)."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            return {
                n.attr
                for n in ast.walk(node.value)
                if isinstance(n, ast.Attribute)
                and isinstance(n.value, ast.Attribute)
                and n.value.attr == "mark"
            }
    return set()


def test_every_playwright_module_is_marked_browser():
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in MODULES if p.stem in TEST_MODULES}
    unmarked = [
        str(path.relative_to(REPO))
        for path, tree in trees.items()
        if any(name == "playwright" for _, name in imported(tree))
        and "browser" not in marks_of(tree)
    ]
    assert unmarked == [], f"add pytest.mark.browser to pytestmark in {unmarked}"


def test_the_checks_above_can_fail():
    tree = ast.parse("import conftest\nfrom test_cli import x\nfrom playwright import y\n")
    assert [name for _, name in imported(tree)] == ["conftest", "test_cli", "playwright"]
    assert marks_of(ast.parse("pytestmark = [pytest.mark.slow, pytest.mark.browser]")) == {
        "slow",
        "browser",
    }
    assert marks_of(ast.parse("pytestmark = pytest.mark.skipif(True, reason='')")) == {"skipif"}
