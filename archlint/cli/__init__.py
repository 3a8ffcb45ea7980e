"""The command line: a thin shell over the Python API (archlint.api).

One module per command in this package; none imports another (what they share is in
`_shared`). Heavy work (Graphviz, the report's templates) is imported inside the commands
that need it. Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from archlint.cli import (
    baseline,
    diff,
    explain,
    graph,
    impact,
    import_,
    import_catalogs,
    init,
    lint,
    report,
    rules,
    schema,
)
from archlint.formats.terminal import neutralise
from archlint.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="archlint")
def cli() -> None:
    """Lint the architecture of an event-driven service estate."""


# Registration: one line per command.
for module in (baseline, diff, explain, graph, impact, import_, init, lint, report, rules, schema):
    cli.add_command(module.command)
import_.command.add_command(import_catalogs.eventcatalog)
import_.command.add_command(import_catalogs.backstage)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: no input ever ends in a traceback; an internal error is exit 2."""
    try:
        cli.main(args=argv, prog_name="archlint", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        click.echo(
            f"archlint: internal error: {type(exc).__name__}: {neutralise(str(exc))}", err=True
        )
        click.echo("Please report this with the input that caused it.", err=True)
        sys.exit(2)
