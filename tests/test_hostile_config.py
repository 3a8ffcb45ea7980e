"""Configuration on hostile input (issue cases 7, 10, 14 and 18's duplicate keys): found only
inside the repository, read by the one YAML reader with its alias guard, a TOML error in a
pyproject.toml meant for archlint one line with exit 2, and an unrelated parent
pyproject.toml never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CROSS_CONTEXT_QUERY, write_files
from helpers.hostile import run_bounded

SILENCING = "ignore: [CX, RF, SW, SY, AL]\nfail-on: never\n"


def lint(root: Path) -> tuple[int, str]:
    result = run_bounded(["lint", "."], root)
    return result.returncode, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A failing repository (CX001) in tmp_path/repo, with .git."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_files(root, {"estate.yaml": CROSS_CONTEXT_QUERY})
    return root


@pytest.mark.parametrize("name", ["archlint.yaml", "pyproject.toml"])
def test_a_configuration_above_the_repository_is_not_used(repo: Path, name: str) -> None:
    text = SILENCING if name == "archlint.yaml" else '[tool.archlint]\nfail-on = "never"\n'
    write_files(repo.parent, {name: text})
    assert lint(repo)[0] == 1


def test_the_repository_root_configuration_is_used(repo: Path) -> None:
    write_files(repo, {"archlint.yaml": SILENCING})
    assert lint(repo)[0] == 0


@pytest.mark.parametrize(
    "text",
    ['tool = "archlint"\n', "tool = 5\n", "tool = [1, 2]\n", "x = " + "[" * 3000 + "]" * 3000],
    ids=["a string", "a number", "a list", "deep nesting"],
)
def test_an_unrelated_pyproject_never_crashes(repo: Path, text: str) -> None:
    write_files(repo, {"pyproject.toml": text})
    assert lint(repo)[0] == 1


def test_a_toml_error_in_archlints_pyproject_is_one_line(repo: Path) -> None:
    write_files(repo, {"pyproject.toml": '[tool.archlint]\nfail-on = "never\n'})
    code, stderr = lint(repo)
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1
    assert "pyproject.toml: not valid TOML:" in stderr


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "fail-on: error\nfail-on: never\n",
            "archlint.yaml:2:1: duplicate key 'fail-on': it is already given on line 1",
        ),
        (
            "a0: &a0 [x]\n"
            + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)),
            "its aliases expand this document to more than 100000 values",
        ),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", "not valid YAML: exceeded maximum nesting depth"),
        ("a: 1\n---\nb: 2\n", "holds more than one YAML document"),
    ],
    ids=["duplicate key", "alias bomb", "deep nesting", "two documents"],
)
def test_a_hostile_archlint_yaml_is_one_line(repo: Path, text: str, message: str) -> None:
    write_files(repo, {"archlint.yaml": text})
    code, stderr = lint(repo)
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1 and message in stderr


def test_a_broken_pyproject_that_only_names_archlint_elsewhere_is_passed_over(repo: Path) -> None:
    write_files(repo, {"pyproject.toml": '[project]\ndependencies = ["archlint"\n'})
    assert lint(repo)[0] == 1


def test_an_inline_tool_table_still_configures_archlint(repo: Path) -> None:
    write_files(repo, {"pyproject.toml": 'tool = {archlint = {fail-on = "never"}}\n'})
    assert lint(repo)[0] == 0
