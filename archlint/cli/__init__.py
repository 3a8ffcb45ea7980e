"""The command line: a thin shell that wires configuration, loading, checking and output.

One module per command in this package, loaded only when that command runs (so that
`archlint rules` does not pay for networkx). Exit codes: 0 clean, 1 findings at or above
`--fail-on`, 2 usage, configuration or internal error.
"""

from __future__ import annotations

import importlib
import sys

import click

from archlint import __version__

# Registration: command name -> module in this package (each defines `command`).
COMMANDS: dict[str, str] = {
    "lint": "lint",
    "rules": "rules",
    "explain": "explain",
    "schema": "schema",
    "baseline": "baseline",
    "init": "init",
    "import": "import_",
    "graph": "graph",
    "report": "report",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        return importlib.import_module(f"archlint.cli.{COMMANDS[name]}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="archlint")
def cli() -> None:
    """Lint the architecture of an event-driven service estate."""


def main(argv=None) -> None:
    """Entry point: no input ever ends in a traceback; an internal error is exit 2."""
    try:
        cli.main(args=argv, prog_name="archlint", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        click.echo(f"archlint: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("Please report this with the input that caused it.", err=True)
        sys.exit(2)
