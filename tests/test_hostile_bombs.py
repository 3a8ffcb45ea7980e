"""Fan-out bombs (issue cases 1 and 2): a `$ref` fan-out, an alias bomb in a `$ref`'s target
and an alias bomb read by `import asyncapi` are each refused (AL006, past limits.nodes-per-document) under a memory cap and a
hang guard, in every command that reads AsyncAPI, and the rest of the estate is still checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write_files
from helpers.hostile import run_bounded

HEADER = "asyncapi: 2.6.0\ninfo: {title: Svc, version: '1', x-context: c}\n"
ORDERS = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: orders, context: orders}\n"


def _levels(indent: str, item: str) -> str:
    """Nine levels of ten items each referring to the level below: 10**9 leaves."""
    lines = [f"{indent}a0: &a0 {{name: Leaf}}" if item == "*a{}" else f"{indent}a0: {{name: Leaf}}"]
    for level in range(1, 10):
        items = ", ".join([item.format(level - 1)] * 10)
        if item == "*a{}":
            lines.append(f"{indent}a{level}: &a{level} [{items}]")
        else:
            lines.append(f"{indent}a{level}: {{oneOf: [{items}]}}")
    return "\n".join(lines) + "\n"


REF_FAN_OUT = (
    HEADER
    + "channels:\n  c:\n    publish:\n      message: {$ref: '#/components/messages/a9'}\n"
    + "components:\n  messages:\n"
    + _levels("    ", "{{$ref: '#/components/messages/a{}'}}")
)
ALIAS_BOMB = _levels("", "*a{}")
ALIAS_IN_DOCUMENT = (
    HEADER
    + "x-bomb:\n"
    + _levels("  ", "*a{}")
    + "channels:\n  c:\n    publish:\n      message: {oneOf: *a9}\n"
)
BOMBS = {
    "$ref fan-out": ({"api/asyncapi.yaml": REF_FAN_OUT}, "its $refs expand this document", 1),
    "alias bomb in a $ref target": (
        {
            "api/bomb.yaml": ALIAS_BOMB,
            "api/asyncapi.yaml": HEADER
            + "channels:\n  c:\n    publish:\n      message: {$ref: 'bomb.yaml#/a9'}\n",
        },
        "its aliases expand this document",
        2,  # the document's service stays, its message unknown (AL002 at the $ref)
    ),
    "alias bomb in the document": (
        {"api/asyncapi.yaml": ALIAS_IN_DOCUMENT},
        "its aliases expand this document",
        1,
    ),
}


@pytest.fixture(params=sorted(BOMBS))
def bomb(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, int]:
    files, message, services = BOMBS[request.param]
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {**files, "services/orders.yaml": ORDERS})
    return tmp_path, message, services


def test_lint_refuses_the_bomb_and_checks_the_rest(bomb: tuple[Path, str, int]) -> None:
    root, message, services = bomb
    result = run_bounded(["lint", ".", "--format", "json"], root)
    findings = json.loads(result.stdout)["findings"]
    refusals = [f for f in findings if f["code"] == "AL006"]
    assert len(refusals) == 1 and message in refusals[0]["message"]
    assert json.loads(result.stdout)["summary"]["services"] == services  # orders still read


@pytest.mark.parametrize(
    "command",
    [
        ["import", "asyncapi", "api", "-o", "imported"],
        ["report", ".", "-o", "report.html"],
        ["graph", ".", "--format", "json"],
    ],
    ids=["import", "report", "graph"],
)
def test_every_command_refuses_the_bomb(bomb: tuple[Path, str, int], command: list[str]) -> None:
    root, message, _ = bomb
    result = run_bounded(command, root)
    assert result.returncode in (0, 1, 2), result.stderr
    if command[0] == "import":
        assert message in result.stderr
