"""`archlint baseline [PATHS]`: accept today's findings, so that only new ones fail.

`archlint baseline -o archlint-baseline.json` writes every current finding (sorted, no line
numbers: diff-friendly). `archlint lint --baseline archlint-baseline.json` then reports only
findings not in it, and entries that match nothing any more as stale. `--prune` removes the
stale entries and adds nothing. Only this command ever writes a baseline.
"""

from __future__ import annotations

import click

from archlint import api
from archlint.baseline import (
    BaselineError,
    Entry,
    dumps,
    entries_of,
    match,
    read_baseline,
    write_baseline,
)
from archlint.cli._shared import UsageProblem, config_option, lint, paths_argument, read_config

DEFAULT_FILE = "archlint-baseline.json"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@click.command("baseline")
@paths_argument
@config_option
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    help=f"The baseline file (default: the configured `baseline`, else {DEFAULT_FILE}); "
    "- prints it instead.",
)
@click.option(
    "--prune", is_flag=True, help="Remove the entries that match no finding any more; add nothing."
)
def command(
    paths: tuple[str, ...], config_path: str | None, output_file: str | None, prune: bool
) -> None:
    """Write today's findings under PATHS to a baseline file, or prune its stale entries."""
    config = read_config(config_path)
    file = output_file or config.baseline or DEFAULT_FILE
    if prune and file == "-":
        raise UsageProblem("--prune rewrites a baseline file: name it with -o FILE")
    try:
        old = read_baseline(file) if prune else ()
    except BaselineError as exc:
        raise UsageProblem(str(exc)) from None
    result = lint(paths, config, baseline=False)
    if prune:
        m = match(result.findings, old, api.baseline_scope(api.targets_of(paths, config), config))
        if m.stale:
            _write(file, m.pruned)
        click.echo(
            f"Removed {_count(len(m.stale), 'stale entry', 'stale entries')} from "
            f"{file}; {_count(len(m.pruned), 'entry remains', 'entries remain')}.",
            err=True,
        )
        return
    entries = entries_of(result.findings)
    if file == "-":
        click.echo(dumps(entries), nl=False)
        return
    _write(file, entries)
    use = (
        "`archlint lint` uses it, as configured"
        if file == config.baseline
        else f"use it with `archlint lint --baseline {file}`, or `baseline: {file}` in archlint.yaml"
    )
    click.echo(f"Wrote {_count(len(entries), 'finding', 'findings')} to {file}; {use}.", err=True)


def _write(file: str, entries: tuple[Entry, ...]) -> None:
    try:
        write_baseline(file, entries)
    except BaselineError as exc:
        raise UsageProblem(str(exc)) from None
