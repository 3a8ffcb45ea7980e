"""Several outputs from one run: `--output FORMAT:FILE` (repeatable) beside the standard
output, every output made from the same findings."""

from __future__ import annotations

import json

import pytest
from helpers import CROSS_CONTEXT_QUERY, run_cli, write_files
from junitparser import JUnitXml

ESTATE = {"estate.yaml": CROSS_CONTEXT_QUERY}


@pytest.fixture
def estate(tmp_path):
    return write_files(tmp_path, ESTATE)


def test_text_on_the_terminal_and_every_format_to_files(estate):
    result = run_cli(
        [
            "lint",
            "--output",
            "sarif:out/a.sarif",
            "--output",
            "junit:a.xml",
            "--output",
            "gitlab:gl.json",
            "--output",
            "json:a.json",
            "--output",
            "json-lines:a.jsonl",
            "--output",
            "github:a.txt",
            "--output",
            "text:a.log",
        ],
        cwd=estate,
    )
    assert result.exit_code == 1
    assert result.output.startswith("estate.yaml:") and "CX001" in result.output
    doc = json.loads((estate / "a.json").read_text())
    n = len(doc["findings"])
    assert n == 1
    assert len(json.loads((estate / "out/a.sarif").read_text())["runs"][0]["results"]) == n
    assert JUnitXml.fromfile(str(estate / "a.xml")).failures == n
    assert len(json.loads((estate / "gl.json").read_text())) == n
    assert len((estate / "a.jsonl").read_text().splitlines()) == n
    assert (estate / "a.txt").read_text().startswith("::error ")
    assert (estate / "a.log").read_text() == result.output


def test_outputs_beside_format_and_output_file(estate):
    result = run_cli(
        ["lint", "--format", "json", "-o", "main.json", "-q", "--output", "sarif:a.sarif"],
        cwd=estate,
    )
    assert (result.exit_code, result.output) == (1, "")
    assert json.loads((estate / "main.json").read_text())["summary"]["error"] == 1
    assert (estate / "a.sarif").exists()


def test_quiet_clean_run_still_writes_its_files(tmp_path):
    root = write_files(
        tmp_path,
        {
            "estate.yaml": ESTATE["estate.yaml"].replace(
                "  queries: [{to: stock, name: GetLevel}]\n", "  global: false\n"
            )
        },
    )
    result = run_cli(["lint", "-q", "--output", "junit:a.xml"], cwd=root)
    assert (result.exit_code, result.output) == (0, "")
    assert JUnitXml.fromfile(str(root / "a.xml")).failures == 0


@pytest.mark.parametrize(
    "spec, message",
    [
        ("sarif", "expected FORMAT:FILE"),
        ("xml:a.xml", "FORMAT one of"),
        ("sarif:", "expected FORMAT:FILE"),
    ],
)
def test_bad_output_specs_exit_2(estate, spec, message):
    result = run_cli(["lint", "--output", spec], cwd=estate)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize(
    "args", [["--output", "sarif:a", "--output", "json:a"], ["-o", "a", "--output", "sarif:a"]]
)
def test_two_outputs_to_one_file_exit_2(estate, args):
    result = run_cli(["lint", *args], cwd=estate)
    assert result.exit_code == 2 and "a file of its own" in result.output
    assert not (estate / "a").exists()


def test_unwritable_output_exit_2(estate):
    result = run_cli(["lint", "--output", "sarif:estate.yaml/a.sarif"], cwd=estate)
    assert result.exit_code == 2 and "cannot write estate.yaml/a.sarif" in result.output
