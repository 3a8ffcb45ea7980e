"""Commands behave alike: HTML and binary never go to a terminal, every file written is
named, options that contradict each other or do not apply are usage errors, and `report`
honours the baseline as `lint` does."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from helpers import REPO, run_cli

SHOP = "samples/shop-request-driven"


def on_a_terminal(*args: str) -> tuple[int, str]:
    """`archlint ARGS` with standard output on a pseudo-terminal: (exit code, stderr)."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "archlint", *args],
            cwd=REPO,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    "args, says",
    [
        (["report", SHOP], "the report is an HTML page: give -o report.html"),
        (["graph", SHOP, "--format", "png"], "a PNG is binary"),
    ],
)
def test_html_and_binary_are_refused_on_a_terminal(args, says):
    code, stderr = on_a_terminal(*args)
    assert code == 2 and says in stderr


def test_report_to_a_pipe_is_still_the_page():
    result = run_cli(["report", SHOP], cwd=REPO)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_graph_says_what_it_wrote(tmp_path):
    target = tmp_path / "estate.mmd"
    result = run_cli(["graph", SHOP, "-o", str(target)], cwd=REPO)
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("%% archlint")
    assert result.stderr == f"archlint: wrote {target} (mermaid, 8 services)\n"


@pytest.mark.parametrize(
    "args, says",
    [
        (["graph", SHOP, "-o", "x.txt"], "-o x.txt: the extension names no diagram format"),
        (["graph", SHOP, "-o", "x.svg", "--format", "dot"], "-o x.svg is a svg file, but --format"),
        (["graph", SHOP, "--hops", "2"], "--hops applies with --service only"),
        (["lint", SHOP, "--statistics", "--format", "json"], "--statistics applies to --format"),
        (["lint", SHOP, "-o", "x.sarif", "--format", "json"], "a .sarif file holds sarif"),
        (["lint", SHOP, "-o", "x.json"], "not text (the default): give --format json"),
    ],
)
def test_options_that_contradict_or_do_not_apply_are_errors(tmp_path, args, says):
    result = run_cli(args, cwd=REPO)
    assert result.exit_code == 2 and says in result.stderr
    assert not (REPO / args[args.index("-o") + 1]).exists() if "-o" in args else True


def test_lint_to_a_text_file_of_a_text_format_is_fine(tmp_path):
    target = tmp_path / "findings.txt"
    result = run_cli(["lint", SHOP, "--format", "grouped", "-o", str(target)], cwd=REPO)
    assert result.exit_code == 1 and target.read_text(encoding="utf-8").startswith(SHOP)


def test_report_honours_the_baseline_and_agrees_with_lint(tmp_path):
    baseline = tmp_path / "baseline.json"
    assert run_cli(["baseline", SHOP, "-o", str(baseline)], cwd=REPO).exit_code == 0
    page = tmp_path / "report.html"
    args = ["--baseline", str(baseline)]
    report = run_cli(["report", SHOP, *args, "-o", str(page), "--exit-code"], cwd=REPO)
    lint = run_cli(["lint", SHOP, *args], cwd=REPO)
    assert report.exit_code == lint.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert ">Passed" in html
    assert f"14 findings accepted by the baseline {baseline}, not shown" in html
