"""The command line: exit codes, options, formats, errors (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import run_cli, write_files

from archlint import __version__
from archlint.rule_pages import builtin_rules

CLEAN = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  owns: [orders]
  produces: [{topic: orders, events: [OrderPlaced]}]
---
apiVersion: archlint/v1
kind: Service
metadata: {name: shipping, context: shipping}
spec:
  consumes: [{topic: orders, events: [OrderPlaced]}]
"""
# One error (CX001), one warning (CX002), one info (RF003: OrderCancelled is consumed by nobody).
MIXED = (
    CLEAN.replace("events: [OrderPlaced]}]\n---", "events: [OrderPlaced, OrderCancelled]}]\n---")
    + """\
  queries: [{to: orders, name: GetOrder}]
  commands: [{to: orders, name: CancelOrder}]
"""
)


@pytest.fixture
def clean(tmp_path):
    return write_files(tmp_path, {"estate.yaml": CLEAN})


@pytest.fixture
def mixed(tmp_path):
    return write_files(tmp_path, {"estate.yaml": MIXED})


def test_clean_estate_exits_0_and_says_so(clean):
    result = run_cli(["lint"], cwd=clean)
    assert result.exit_code == 0
    assert result.output == "All checks passed (1 file, 2 services).\n"


def test_quiet_prints_nothing_when_clean(clean):
    result = run_cli(["lint", "-q", "."], cwd=clean)
    assert (result.exit_code, result.output) == (0, "")


def test_findings_text_lines_and_summary(mixed):
    result = run_cli(["lint", "."], cwd=mixed)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-2:] == [
        "Found 1 error, 1 warning, 1 info (1 file, 2 services).",
        "The run failed: errors fail it (--fail-on error).",
    ]
    assert any(
        line.startswith("estate.yaml:") and ": ERROR CX001 [cross-context-query] " in line
        for line in lines
    )


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(mixed, fail_on, code):
    assert run_cli(["lint", "--fail-on", fail_on], cwd=mixed).exit_code == code


def test_fail_on_warning_with_only_info(mixed):
    result = run_cli(["lint", "--select", "RF003", "--fail-on", "warning"], cwd=mixed)
    assert result.exit_code == 0 and "RF003" in result.output
    assert run_cli(["lint", "--select", "RF003", "--fail-on", "info"], cwd=mixed).exit_code == 1


def test_select_and_ignore_by_code_prefix_and_slug(mixed):
    def found(*args):
        out = run_cli(["lint", "--format", "json", *args], cwd=mixed).output
        return sorted({f["code"] for f in json.loads(out)["findings"]})

    assert found() == ["CX001", "CX002", "RF003"]
    assert found("--select", "CX") == ["CX001", "CX002"]
    assert found("--select", "cross-context-query,RF003") == ["CX001", "RF003"]
    assert found("--ignore", "CX002", "--ignore", "produced-never-consumed") == ["CX001"]


def test_json_contract(mixed):
    doc = json.loads(run_cli(["lint", "--format", "json"], cwd=mixed).output)
    assert set(doc) == {"version", "findings", "summary"} and doc["version"] == 1
    assert doc["summary"] == {"error": 1, "warning": 1, "info": 1, "files": 1, "services": 2}
    first = doc["findings"][0]
    assert list(first) == [
        "code",
        "slug",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "entities",
    ]
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in doc["findings"]]
    assert keys == sorted(keys)


def test_statistics(mixed):
    result = run_cli(["lint", "--statistics"], cwd=mixed)
    assert "1  CX001  [cross-context-query]  error" in result.output


def test_output_file(mixed, tmp_path):
    result = run_cli(["lint", "--format", "json", "-o", "out.json"], cwd=mixed)
    assert result.exit_code == 1 and result.output == ""
    assert json.loads((mixed / "out.json").read_text())["summary"]["error"] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["lint", "does-not-exist"], "does-not-exist"),
        (["lint", "--select", "XX001", "."], "unknown rule 'XX001'"),
        (["lint", "--format", "xml", "."], "Invalid value for '--format'"),
        (["explain", "NOPE"], "no rule 'NOPE'"),
    ],
)
def test_usage_errors_exit_2(clean, args, message):
    result = run_cli(args, cwd=clean)
    assert result.exit_code == 2
    assert message in result.output


def test_rules_table_and_json():
    table = run_cli(["rules"]).output.splitlines()
    assert [line.split()[0] for line in table] == list(builtin_rules())
    rows = json.loads(run_cli(["rules", "--format", "json"]).output)
    assert {r["code"] for r in rows} == set(builtin_rules())


def test_explain_by_code_and_slug():
    by_code = run_cli(["explain", "cx001"]).output
    assert by_code == run_cli(["explain", "cross-context-query"]).output
    for heading in (
        "# CX001 cross-context-query",
        "## Why",
        "## Fails",
        "## Passes",
        "## How to fix",
    ):
        assert heading in by_code


def test_version():
    assert run_cli(["--version"]).output.strip() == f"archlint, version {__version__}"


def test_schema_is_json():
    schema = json.loads(run_cli(["schema"]).output)
    assert "$schema" in schema


def test_internal_error_is_exit_2_without_traceback(clean):
    # A real crash from inside: a check that raises (registered through the real mechanism).
    code = (
        "import archlint.rule_pages as pages; from archlint.cli import main\n"
        "pages.CHECKS = {'SW001': lambda *a: 1 / 0}\n"
        "main(['lint', '.'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=clean, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "internal error: ZeroDivisionError" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_python_dash_m(clean):
    proc = subprocess.run(
        [sys.executable, "-m", "archlint", "lint", "."], cwd=clean, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
