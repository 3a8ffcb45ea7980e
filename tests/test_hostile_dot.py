"""`dot` runs under a time limit (issue case 6): a diagram it cannot draw in time is a
one-line error for `graph` suggesting `--level context`, and `report` is still written
without that diagram, saying so. A fake `dot` that never finishes stands in for Graphviz
busy on a huge estate."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_files
from helpers.hostile import run_bounded

from archlint.config.settings import Limits
from archlint.diagram.render import DOT_TIMEOUT, RenderError, dot_timeout

ESTATE = {
    "orders.yaml": """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: orders, context: orders}
        spec:
          produces: [{topic: orders.placed, events: [OrderPlaced]}]
        """,
    "billing.yaml": """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: billing, context: billing}
        spec:
          consumes: [{topic: orders.placed, events: [OrderPlaced]}]
        """,
}


@pytest.fixture
def stuck_dot(tmp_path: Path) -> dict[str, str]:
    """PATH with a `dot` that never finishes first, and a short time limit."""
    folder = tmp_path / "bin"
    folder.mkdir()
    dot = folder / "dot"
    dot.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    dot.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "ARCHLINT_DOT_TIMEOUT": "0.5"}


def test_graph_stops_dot_and_suggests_the_context_level(tmp_path: Path, stuck_dot) -> None:
    write_files(tmp_path, ESTATE)
    result = run_bounded(["graph", ".", "--format", "svg", "-o", "estate.svg"], tmp_path, stuck_dot)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "did not finish drawing the diagram within 0.5 s" in result.stderr
    assert "--level context" in result.stderr
    assert not (tmp_path / "estate.svg").exists()


def test_report_is_written_without_the_diagrams_that_timed_out(tmp_path: Path, stuck_dot) -> None:
    write_files(tmp_path, ESTATE)
    result = run_bounded(["report", ".", "-o", "report.html"], tmp_path, stuck_dot)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'class="diagram-missing"' in html and "Not drawn: Graphviz `dot` did not finish" in html
    assert "archlint: the diagram 'Context map' was left out" in result.stderr
    assert "<svg" not in html.split("<body", 1)[1].split("<script", 1)[0]


@pytest.mark.parametrize("given, seconds", [("", DOT_TIMEOUT), ("2.5", 2.5), (" 10 ", 10.0)])
def test_the_time_limit_is_configurable(given: str, seconds: float) -> None:
    assert dot_timeout(environ={"ARCHLINT_DOT_TIMEOUT": given}) == seconds


@pytest.mark.parametrize("given, seconds", [("", 5.0), ("2.5", 2.5)])
def test_the_environment_wins_over_the_configured_limit(given: str, seconds: float) -> None:
    assert dot_timeout(5, environ={"ARCHLINT_DOT_TIMEOUT": given}) == seconds
    assert DOT_TIMEOUT == Limits().dot_seconds == 60


@pytest.mark.parametrize("given", ["soon", "0", "-1", "inf", "nan"])
def test_a_time_limit_that_is_not_seconds_is_refused(given: str) -> None:
    with pytest.raises(RenderError, match="is not a number of seconds above 0"):
        dot_timeout(environ={"ARCHLINT_DOT_TIMEOUT": given})


@pytest.mark.parametrize(
    "command", [["graph", ".", "--format", "svg"], ["impact", "orders", "--format", "svg"]]
)
def test_the_configured_dot_seconds_stop_dot(tmp_path: Path, stuck_dot, command) -> None:
    write_files(tmp_path, {**ESTATE, "archlint.yaml": "limits: {dot-seconds: 1}\n"})
    environ = {**stuck_dot, "ARCHLINT_DOT_TIMEOUT": ""}
    result = run_bounded([*command, "-o", "out.svg"], tmp_path, environ)
    assert result.returncode == 2, result.stderr
    assert "did not finish drawing the diagram within 1 s" in result.stderr
    assert "limits.dot-seconds" in result.stderr


def test_the_report_keeps_the_configured_dot_seconds(tmp_path: Path, stuck_dot) -> None:
    write_files(tmp_path, {**ESTATE, "archlint.yaml": "limits: {dot-seconds: 1}\n"})
    environ = {**stuck_dot, "ARCHLINT_DOT_TIMEOUT": ""}
    result = run_bounded(["report", ".", "-o", "report.html"], tmp_path, environ)
    assert result.returncode == 0, result.stderr
    assert "within 1 s" in result.stderr
    assert 'class="diagram-missing"' in (tmp_path / "report.html").read_text(encoding="utf-8")
