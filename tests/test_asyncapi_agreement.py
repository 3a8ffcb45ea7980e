"""`archlint import asyncapi` and `archlint lint` read AsyncAPI documents with the same
reader: on the same broken or odd files they report the same problems, code, place and
words alike (AL001 encodings, tabs, syntax and aliases; AL002; AL003 repeated keys, in the
document and in the files its `$ref`s name; AL004 one service described twice)."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archlint.cli import cli

GOOD = """\
asyncapi: 3.0.0
info: {title: NAME, version: '1', x-context: shop}
channels:
  out: {address: NAME-events, messages: {Done: {name: NAME-done}}}
operations:
  publish: {action: send, channel: {$ref: '#/channels/out'}}
"""

ODD: dict[str, bytes] = {
    "syntax.yaml": b"asyncapi: 3.0.0\ninfo: {title: Syntax, version: '1'\n",
    "tab.yaml": b"asyncapi: 3.0.0\ninfo:\n\ttitle: Tab\n",
    "latin1.yaml": GOOD.replace("NAME", "caf\xe9").encode("latin-1"),
    "utf16.yaml": GOOD.replace("NAME", "wide").encode("utf-16"),
    "control.yaml": GOOD.replace("NAME", "bell\x07").encode("utf-8"),
    "bomb.yaml": (
        b"asyncapi: 3.0.0\ninfo: {title: Bomb, version: '1', x-context: shop}\n"
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e]\n"
    ),
    "recursive.yaml": b"asyncapi: 3.0.0\ninfo: &i {title: Loop, version: '1', self: *i}\n",
    "repeated.yaml": GOOD.replace("NAME", "repeated")
    .replace(
        "  publish:", "  publish: {action: receive, channel: {$ref: '#/channels/out'}}\n  publish:"
    )
    .replace("x-context: shop}", "x-context: shop, x-context: other}")
    .encode(),
    "refs.yaml": GOOD.replace("NAME", "refs")
    .replace(
        "{Done: {name: refs-done}}",
        "{A: {$ref: 'common/broken.yaml'}, B: {$ref: 'common/twice.yaml#/B'}}",
    )
    .encode(),
    "common/broken.yaml": b"name: [unclosed\n",
    "common/twice.yaml": b"B:\n  name: First\n  name: Second\n",
    "json.json": b'{"asyncapi": "3.0.0", "info": {"title": "Json", "title": "Again", "version": "1",'
    b' "x-context": "shop"}}',
    "nocontext.yaml": GOOD.replace("NAME", "lost").replace(", x-context: shop", "").encode(),
    "version.yaml": GOOD.replace("NAME", "old").replace("3.0.0", "1.2.0").encode(),
    "twice/a.yaml": GOOD.replace("NAME", "twice").encode(),
    "twice/b.yaml": GOOD.replace("NAME", "twice").encode(),
}


def run_cli(args: list[str], cwd: Path):
    """`archlint ARGS` in-process, in the folder `cwd`."""
    with contextlib.chdir(cwd):
        return CliRunner().invoke(cli, args, catch_exceptions=False)


LINE = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): (?P<code>AL00\d) (?P<message>.*)$"
)


def _write(root: Path) -> None:
    for name, data in ODD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def _linted(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = run_cli(["lint", ".", "--format", "json"], cwd=root)
    assert result.exit_code == 1, result.output
    return sorted(
        (f["path"], f["line"], f["column"], f["code"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"] in ("AL001", "AL002", "AL003", "AL004", "AL006")
    )


def _imported(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=root)
    assert result.exit_code == 1, result.output
    found = [LINE.match(line) for line in result.output.splitlines()]
    return sorted(
        (m["path"], int(m["line"]), int(m["column"]), m["code"], m["message"]) for m in found if m
    )


def test_import_and_lint_report_the_same_problems_in_the_same_words(tmp_path):
    _write(tmp_path)
    linted = _linted(tmp_path)
    assert _imported(tmp_path) == linted
    # and they are the reader's problems, each once, where they are
    codes = {(path, code) for path, _, _, code, _ in linted}
    assert codes >= {
        ("syntax.yaml", "AL001"),
        ("tab.yaml", "AL001"),
        ("latin1.yaml", "AL001"),
        ("utf16.yaml", "AL001"),
        ("control.yaml", "AL001"),
        ("bomb.yaml", "AL006"),  # past limits.nodes-per-document
        ("recursive.yaml", "AL001"),
        ("repeated.yaml", "AL003"),
        ("common/broken.yaml", "AL001"),
        ("refs.yaml", "AL002"),  # the $ref that cannot be followed
        ("common/twice.yaml", "AL003"),
        ("json.json", "AL003"),
        ("nocontext.yaml", "AL002"),
        ("version.yaml", "AL002"),
        ("twice/b.yaml", "AL004"),
    }
    assert len(linted) == len(set(linted))


@pytest.mark.parametrize(
    "name, where, words",
    [
        ("tab.yaml", (3, 1), "indent with spaces, not tabs"),
        ("latin1.yaml", (2, 18), "invalid UTF-8 (byte 0xe9); save the file as UTF-8"),
        ("utf16.yaml", (1, 1), "the file is UTF-16; save it as UTF-8"),
        ("control.yaml", (2, 19), "control character U+0007 is not allowed"),
        ("recursive.yaml", (2, 38), "a recursive alias: the value of 'self' contains itself"),
        ("common/broken.yaml", (2, 1), "invalid YAML: did not find expected ',' or ']'"),
    ],
)
def test_asyncapi_documents_get_the_manifest_wording(tmp_path, name, where, words):
    _write(tmp_path)
    found = [f for f in _linted(tmp_path) if f[0] == name and f[3] == "AL001"]
    assert [(line, column) for _, line, column, _, _ in found] == [where]
    assert words in found[0][4]


def test_repeated_keys_in_asyncapi_are_al003_and_the_first_value_is_read(tmp_path):
    _write(tmp_path)
    repeated = [f for f in _imported(tmp_path) if f[0] == "repeated.yaml"]
    assert [(line, column, code) for _, line, column, code, _ in repeated] == [
        (2, 56, "AL003"),
        (7, 3, "AL003"),
    ]
    assert repeated[0][4] == (
        "duplicate key 'x-context': it is already given on line 2 of this mapping, whose "
        "value is the one used; remove one of them"
    )
    imported = (tmp_path / "out" / "repeated.yaml").read_text(encoding="utf-8")
    assert "context: shop" in imported and "consumes" in imported  # first wins: receive
