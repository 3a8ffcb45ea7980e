"""`archlint report [PATHS] -o report.html`: one self-contained HTML report."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import click

from archlint.cli._shared import (
    UsageProblem,
    config_option,
    lint,
    paths_argument,
    read_config,
    selection_options,
    write_file,
)
from archlint.engine import LintResult


@click.command("report")
@paths_argument
@config_option
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (-: standard output, the default when it is not a "
    "terminal).",
)
@click.option("--title", default="archlint report", show_default=True, help="The report's title.")
@selection_options("Lowest severity that the report calls a failure (default: error).")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Leave out the findings this baseline file accepted, as `archlint lint` does "
    "(default: the configured `baseline`).",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit 1 when the report says Failed, as `archlint lint` would; by default "
    "the report exits 0 once written, so that CI publishes it either way.",
)
def command(
    paths: tuple[str, ...],
    config_path: str | None,
    output_file: str | None,
    title: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    baseline_file: str | None,
    exit_code: bool,
) -> None:
    """Write an HTML report of the estate under PATHS: summary, context map, a diagram per
    context, the findings (sortable, filterable), every service and every rule's page.

    The file is self-contained: it opens offline, from a CI artifact, and makes no requests.
    """
    from archlint.diagram.render import RenderError, dot_timeout
    from archlint.report import Stamp, generate

    if not output_file and sys.stdout.isatty():
        raise UsageProblem(
            "the report is an HTML page: give -o report.html, or redirect standard output "
            "(-o - writes it to the terminal anyway)"
        )
    config = read_config(config_path, select, ignore, fail_on, extend_select)
    result = lint(paths, config, baseline=baseline_file)
    diagrams = shutil.which("dot") is not None
    if not diagrams:
        click.echo(
            "archlint: Graphviz `dot` is not installed: the report has no diagrams "
            "(apt-get install graphviz, or brew install graphviz)",
            err=True,
        )
    notes: list[str] = []
    stamp = Stamp(_now(), _commit(paths), config.source_url)
    try:
        seconds = dot_timeout(config.limits.dot_seconds)
        with _no_collection():
            html = generate(
                result, title=title, diagrams=diagrams, notes=notes, stamp=stamp,
                dot_seconds=seconds,
            )  # fmt: skip
    except RenderError as exc:
        raise UsageProblem(str(exc)) from None
    for note in notes:
        click.echo(f"archlint: {note}", err=True)
    _write(html, output_file, result)
    raise SystemExit(result.exit_code if exit_code else 0)


@contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while the report is made: it allocates millions of short-lived
    objects and no cycles worth collecting, and each full collection would walk the whole
    loaded estate again (half the report's time at 10,000 services)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _now() -> str:
    """Now, in UTC to the second; SOURCE_DATE_EPOCH where set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _commit(paths: tuple[str, ...]) -> str:
    """The commit checked out where the estate lies, or "" outside git (or without it)."""
    where = paths[0] if paths else "."
    folder = where if os.path.isdir(where) else os.path.dirname(where) or "."
    try:
        done = subprocess.run(
            ["git", "-C", folder, "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) in (40, 64) else ""


def _write(html: str, output_file: str | None, result: LintResult) -> None:
    """The page to its file, saying what was written; or to standard output."""
    if not output_file or output_file == "-":
        click.echo(html, nl=False)
        return
    write_file(output_file, html)
    counts = result.counts
    click.echo(
        f"archlint: wrote {output_file}: {len(result.findings)} findings "
        f"({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info), "
        f"{len(result.estate.services)} services",
        err=True,
    )
