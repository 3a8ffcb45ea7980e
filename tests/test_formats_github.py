"""`--format github`: workflow commands byte-identical to what the Actions toolkit
(@actions/core, run with node) writes for the same annotation, and the automatic choice
on GitHub Actions."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

from helpers import CROSS_CONTEXT_QUERY, run_cli, write_files
from helpers.ci import NODE, awkward_result, check_golden, clean_result, node_tool

from archlint.formats import RenderOptions, github, render

TOOLKIT = """
import * as core from '@actions/core';
import {readFileSync} from 'node:fs';
for (const a of JSON.parse(readFileSync(0, 'utf8'))) core[a.kind](a.message, a.properties);
"""


def toolkit_lines(annotations: list[dict]) -> list[str]:
    """What @actions/core prints for each annotation (core.error/warning/notice)."""
    node_tool("@actions", "core")
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", TOOLKIT],
        cwd=NODE,
        input=json.dumps(annotations),
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.splitlines()


def test_golden():
    check_golden("awkward.github.txt", render("github", awkward_result()))


def test_lines_match_the_actions_toolkit_byte_for_byte():
    result = awkward_result()
    annotations = [
        {
            "kind": github.COMMAND_OF[f.severity],
            "message": f.message,
            "properties": {
                "title": f"{f.code} {f.slug}",
                "file": f.location.path,
                "startLine": f.location.line,
                "startColumn": f.location.column,
            },
        }
        for f in result.findings
    ]
    ours = render("github", result, RenderOptions(quiet=True)).splitlines()
    assert ours == toolkit_lines(annotations)
    assert len(ours) == len(result.findings)


def test_escaping_of_data_and_properties():
    assert github.escape_data("100%\r\nx:y,z") == "100%25%0D%0Ax:y,z"
    assert github.escape_property("100%\r\nx:y,z") == "100%25%0D%0Ax%3Ay%2Cz"
    line = github.finding_command(next(f for f in awkward_result().findings if f.code == "CX002"))
    assert line.count("\n") == 0 and line.startswith("::warning title=CX002 ")


def test_severities_map_to_commands():
    kinds = [
        line.split(" ", 1)[0]
        for line in render("github", awkward_result(), RenderOptions(quiet=True)).splitlines()
    ]
    assert sorted(set(kinds)) == ["::error", "::notice", "::warning"]


def test_summary_is_a_plain_log_line():
    assert render("github", clean_result()) == (
        "Nothing checked: no archlint manifest found (1 file, 0 services).\n"
    )


def test_stale_baseline_entries_become_a_notice():
    result = replace(
        clean_result(),
        baseline="archlint-baseline.json",
        stale=({"code": "SW003", "path": "a.yaml", "entities": {}, "message": ""},),
    )
    first = render("github", result).splitlines()[0]
    assert first.startswith("::notice title=archlint stale baseline,file=archlint-baseline.json::")
    assert "archlint baseline --prune -o archlint-baseline.json" in first


ESTATE = {"estate.yaml": CROSS_CONTEXT_QUERY}


def test_chosen_automatically_on_github_actions(tmp_path):
    root = write_files(tmp_path, ESTATE)
    on_actions = run_cli(["lint"], cwd=root, env={"GITHUB_ACTIONS": "true"})
    assert on_actions.exit_code == 1
    assert on_actions.output.startswith("::error title=CX001 cross-context-query,file=estate.yaml,")
    elsewhere = run_cli(["lint"], cwd=root, env={"GITHUB_ACTIONS": None})
    assert elsewhere.output.startswith("estate.yaml:")


def test_explicit_format_or_file_wins_on_github_actions(tmp_path):
    root = write_files(tmp_path, ESTATE)
    env = {"GITHUB_ACTIONS": "true"}
    assert run_cli(["lint", "--format", "text"], cwd=root, env=env).output.startswith(
        "estate.yaml:"
    )
    assert run_cli(["lint", "-o", "out.txt"], cwd=root, env=env).output == ""
    assert (root / "out.txt").read_text().startswith("estate.yaml:")
