"""The command line: a thin shell over the Python API (archlint.api).

One module per command in this package; none imports another (what they share is in
`_shared`). A command's module is imported only when that command runs (or --help lists
them all): `archlint lint` never pays for the report's templates or Graphviz. Exit codes:
0 clean, 1 findings at or above `--fail-on`, 2 usage, configuration or internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import click

from archlint.version import __version__


def _baseline() -> click.Command:
    from archlint.cli import baseline

    return baseline.command


def _clean() -> click.Command:
    from archlint.cli import clean

    return clean.command


def _diff() -> click.Command:
    from archlint.cli import diff

    return diff.command


def _explain() -> click.Command:
    from archlint.cli import explain

    return explain.command


def _graph() -> click.Command:
    from archlint.cli import graph

    return graph.command


def _impact() -> click.Command:
    from archlint.cli import impact

    return impact.command


def _import() -> click.Command:
    from archlint.cli import import_, import_catalogs

    import_.command.add_command(import_catalogs.eventcatalog)
    import_.command.add_command(import_catalogs.backstage)
    return import_.command


def _init() -> click.Command:
    from archlint.cli import init

    return init.command


def _lint() -> click.Command:
    from archlint.cli import lint

    return lint.command


def _report() -> click.Command:
    from archlint.cli import report

    return report.command


def _rules() -> click.Command:
    from archlint.cli import rules

    return rules.command


def _schema() -> click.Command:
    from archlint.cli import schema

    return schema.command


# Registration: one line per command, its name and where it is.
COMMANDS: dict[str, Callable[[], click.Command]] = {
    "baseline": _baseline,
    "clean": _clean,
    "diff": _diff,
    "explain": _explain,
    "graph": _graph,
    "impact": _impact,
    "import": _import,
    "init": _init,
    "lint": _lint,
    "report": _report,
    "rules": _rules,
    "schema": _schema,
}


class LazyGroup(click.Group):
    """A group whose commands are imported when asked for (click's lazy sub-commands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(COMMANDS[cmd_name](), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="archlint")
def cli() -> None:
    """Lint the architecture of an event-driven service estate."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: no input ever ends in a traceback; an internal error is exit 2."""
    try:
        cli.main(args=argv, prog_name="archlint", standalone_mode=True)
    except SystemExit as done:
        _end(done.code)
    except Exception as exc:
        from archlint.formats.terminal import neutralise  # only on the way out

        click.echo(
            f"archlint: internal error: {type(exc).__name__}: {neutralise(str(exc))}", err=True
        )
        click.echo("Please report this with the input that caused it.", err=True)
        _end(2)


def _end(code: object) -> NoReturn:
    """End the process with `code` (as SystemExit takes it) without tearing it down: what a
    run loaded (half a million objects at 10,000 services, some still held by the cache, see
    archlint.cache.runs) would be freed one by one, 15% of a replayed run, for nothing. The
    exit handlers run and the output is flushed first, as sys.exit would. Only the console
    command does this; the API and `cli` itself (what tests invoke) end as usual."""
    import atexit
    import contextlib
    import os

    if code is not None and not isinstance(code, int):
        click.echo(str(code), err=True)
        code = 1
    getattr(atexit, "_run_exitfuncs", lambda: None)()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`), stream
            stream.flush()
    os._exit(code or 0)
