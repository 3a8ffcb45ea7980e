"""`archlint report [PATHS] -o report.html`: one self-contained HTML report."""

from __future__ import annotations

import shutil
import sys

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
    from archlint.diagram.render import RenderError
    from archlint.report import generate

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
    try:
        html = generate(result, title=title, diagrams=diagrams, notes=notes)
    except RenderError as exc:
        raise UsageProblem(str(exc)) from None
    for note in notes:
        click.echo(f"archlint: {note}", err=True)
    _write(html, output_file, result)
    raise SystemExit(result.exit_code if exit_code else 0)


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
