"""Manifest text is shown, never obeyed (issue cases 11 and 13): in text output and in
`import`'s stderr, control characters, ANSI/OSC sequences and newlines are made visible,
no name or file name can start a line with `::` (a GitHub Actions workflow command), and a
file name that is not UTF-8 gives valid UTF-8 in every format."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from helpers import write_files
from helpers.hostile import run_bounded

from archlint.formats.terminal import line_start, neutralise

FORGED = "x\n::error file=a.yaml::forged\x1b]0;pwned\x07\x1b[2J\u2028\x9b"
MANIFEST = (
    "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: b, context: c}\n"
    "spec:\n  queries: [{to: %s, name: Get}]\n"
)
ASYNCAPI = (
    "asyncapi: 3.0.0\ninfo: {title: svc, version: '1', x-context: c}\n"
    "channels: {c: {address: a, messages: {'m m': {name: %s}}}}\n"
    "operations: {o: {action: send, channel: {$ref: '#/channels/c'}}}\n"
)


def _no_forgery(output: str) -> None:
    for line in output.splitlines():
        assert not line.startswith("::"), line
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in output.replace("\n", ""))
    assert "\u2028" not in output


def test_neutralise_makes_every_control_visible() -> None:
    assert neutralise(FORGED) == (
        "x\\n::error file=a.yaml::forged\\x1b]0;pwned\\x07\\x1b[2J\\u2028\\x9b"
    )
    assert neutralise("Zürich ✓ \U0001f600") == "Zürich ✓ \U0001f600"
    assert line_start("::add-mask::x") == "./::add-mask::x"


def test_text_output_cannot_be_forged(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": MANIFEST % json.dumps(FORGED)})
    result = run_bounded(["lint", ".", "--format", "text"], tmp_path)
    assert result.returncode == 1
    _no_forgery(result.stdout)
    assert "::forged\\x1b]0;pwne" in result.stdout


def test_a_file_name_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    write_files(tmp_path, {"::error::x.yaml": MANIFEST % "nowhere"})
    result = run_bounded(["lint", ".", "--format", "text"], tmp_path)
    _no_forgery(result.stdout)
    assert result.stdout.startswith("./::error::x.yaml:5:13: ERROR RF001")


def test_import_stderr_cannot_be_forged(tmp_path: Path) -> None:
    write_files(tmp_path, {"api/asyncapi.yaml": ASYNCAPI % json.dumps(FORGED)})
    result = run_bounded(["import", "asyncapi", "api", "-o", "out"], tmp_path)
    _no_forgery(result.stdout + result.stderr)
    assert "\\x1b]0;pwned" in result.stderr


@pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses file names that are not UTF-8")
@pytest.mark.parametrize(
    "fmt", ["text", "json", "json-lines", "sarif", "github", "gitlab", "junit"]
)
def test_a_file_name_that_is_not_utf8_survives_every_format(tmp_path: Path, fmt: str) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.yaml"), "w") as out:
        out.write(MANIFEST % "nowhere")
    result = run_bounded(["lint", ".", "--format", fmt, "--output", f"{fmt}:copy.out"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "xffname.yaml" in result.stdout  # its byte shown as \xff (JSON doubles the \\)
    assert "xffname.yaml" in (tmp_path / "copy.out").read_bytes().decode("utf-8")


@pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses file names that are not UTF-8")
@pytest.mark.parametrize(
    "command", [["report", ".", "-o", "r.html"], ["baseline", ".", "-o", "b.json"]]
)
def test_a_file_name_that_is_not_utf8_survives_report_and_baseline(
    tmp_path: Path, command: list[str]
) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.yaml"), "w") as out:
        out.write(MANIFEST % "nowhere")
    result = run_bounded(command, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "xffname.yaml" in (tmp_path / command[-1]).read_bytes().decode("utf-8")


def test_a_file_name_cannot_inject_yaml_into_an_imported_manifest(tmp_path: Path) -> None:
    name = "a\nspec: {produces: [{topic: forged, events: [X]}]}\n#.yaml"
    write_files(tmp_path, {f"api/{name}": ASYNCAPI % "Fine"})
    result = run_bounded(["import", "asyncapi", "api", "-o", "out"], tmp_path)
    assert result.returncode == 0, result.stderr
    (written,) = (tmp_path / "out").iterdir()
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# Imported from api/a\\u000aspec:")
    assert [line for line in text.splitlines() if line.startswith("spec")] == ["spec:"]
    assert "forged" not in text.split("\n", 1)[1]


@pytest.mark.parametrize("topic", ["t&#1;", "t\ufffex", "t&nbsp;x"])
def test_names_with_entities_give_valid_svg_and_reports(tmp_path: Path, topic: str) -> None:
    import xml.etree.ElementTree as ET

    manifest = (
        "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: c}\n"
        f"spec:\n  produces: [{{topic: {json.dumps(topic)}, events: [E]}}]\n"
    )
    write_files(tmp_path, {"a.yaml": manifest})
    graph = run_bounded(["graph", ".", "--format", "svg", "-o", "g.svg"], tmp_path)
    assert graph.returncode == 0, graph.stderr
    texts = "".join(ET.parse(tmp_path / "g.svg").getroot().itertext())  # well-formed XML
    assert topic.replace("\ufffe", "\ufffd") in texts  # shown as written, not decoded
    report = run_bounded(["report", ".", "-o", "r.html"], tmp_path)
    assert report.returncode == 0, report.stderr
