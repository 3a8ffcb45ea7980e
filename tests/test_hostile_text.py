"""Manifest text in the other text outputs is shown, never obeyed (issue case 11, the rest):
`explain` (a custom rule's words come from the configuration), `impact` and `diff` neutralise
control characters, ANSI/OSC sequences and newlines in names, and no line they print begins,
even indented, with `::` (the Actions runner trims a line before looking for a command)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_files
from helpers.git_repo import commit, init_repo
from helpers.hostile import run_bounded

from archlint.formats.terminal import line_start, text_line, text_lines

FORGED = "x\n::error file=a.yaml::forged\x1b]0;pwned\x07\x1b[2J\u2028\x9b"
INDENTED = "\n  ::add-mask::secret"


def _service(name: str, spec: str = "") -> str:
    return (
        f"apiVersion: archlint/v1\nkind: Service\nmetadata: {{name: {json.dumps(name)}, "
        f"context: c}}\nspec:\n  availability: 99.9\n{spec}"
    )


def _inert(output: str) -> None:
    """No line begins a workflow command; no control character but the line breaks."""
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in output.replace("\n", ""))
    assert "\u2028" not in output and "\u2029" not in output


def test_text_line_stops_indented_workflow_commands() -> None:
    assert text_line("  ::error::x") == "  \\x3a:error::x"
    assert text_line("a\n::error::x") == "a\\n::error::x"
    assert text_line("plain: text") == "plain: text"
    assert text_lines("one\n ::warning::two\n") == "one\n \\x3a:warning::two\n"
    assert line_start(" ::error::x.yaml") == "./ ::error::x.yaml"


def test_explain_of_a_custom_rule_cannot_be_forged(tmp_path: Path) -> None:
    config = {
        "custom-rules": [
            {
                "code": "ORG001",
                "slug": "x\x1b]8;;http://evil\x07",
                "message": "m" + FORGED + INDENTED,
                "forbid": {"kind": "query"},
            }
        ]
    }
    write_files(tmp_path, {"archlint.yaml": json.dumps(config)})
    page = run_bounded(["explain", "ORG001"], tmp_path)
    assert page.returncode == 0, page.stderr
    _inert(page.stdout)
    assert "\\x1b]8;;http://evil\\x07" in page.stdout
    listing = run_bounded(["explain"], tmp_path)
    _inert(listing.stdout)
    assert "ORG001" in listing.stdout


def test_impact_text_cannot_be_forged(tmp_path: Path) -> None:
    caller = FORGED + INDENTED
    write_files(
        tmp_path,
        {
            "a.yaml": _service("target"),
            "b.yaml": _service(caller, "  queries: [{to: target, name: Get}]\n"),
        },
    )
    result = run_bounded(["impact", "target"], tmp_path)
    assert result.returncode == 0, result.stderr
    _inert(result.stdout)
    assert "\\x1b]0;pwned" in result.stdout and "Fails with it (1" in result.stdout


def test_impact_error_cannot_be_forged(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": _service("::error::x\x1b[2Jtarget")})
    result = run_bounded(["impact", "::error::x"], tmp_path)
    assert result.returncode == 2
    _inert(result.stderr)
    assert "\\x1b[2J" in result.stderr


def test_diff_text_cannot_be_forged(tmp_path: Path) -> None:
    init_repo(tmp_path)
    commit(tmp_path, "base", {"a.yaml": _service("target")})
    name = FORGED + INDENTED
    write_files(tmp_path, {"b.yaml": _service(name, "  queries: [{to: target, name: Get}]\n")})
    result = run_bounded(["diff", "HEAD"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    _inert(result.stdout)
    assert "\\x1b]0;pwned" in result.stdout and "Architecture changes:" in result.stdout
