"""`archlint diff BASE [HEAD]`: what a change does to the architecture.

BASE and HEAD are git revisions (HEAD defaults to the working tree, uncommitted changes
included) or two folders. Exit 1 only when the change introduces findings at or above
`--fail-on-new`; existing findings never fail a diff. Exit 2 for an unknown revision, a path
outside the repository, or a side that cannot be loaded.
"""

from __future__ import annotations

import dataclasses
import sys

import click

from archlint import api
from archlint.capping import capped
from archlint.changes import EstateDiff
from archlint.cli._shared import (
    UsageProblem,
    config_option,
    output_file_option,
    read_config,
    write_file,
)
from archlint.config.settings import ConfigError
from archlint.formats.diff import DIFF_FORMATS, render_diff
from archlint.revisions import RevisionError


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@config_option
@click.option(
    "--path",
    "paths",
    multiple=True,
    metavar="PATH",
    help="Lint these paths on both sides (repeatable; default: the configured paths, else .).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(DIFF_FORMATS)),
    default="text",
    show_default=True,
    help="markdown: a pull-request comment; sarif: the introduced findings only.",
)
@click.option(
    "--fail-on-new",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when the change introduces findings at or above this severity.",
)
@click.option(
    "--merge-base",
    is_flag=True,
    help="Diff against `git merge-base BASE HEAD`, as a pull request does.",
)
@output_file_option("the diff")
def command(
    base: str,
    head: str | None,
    config_path: str | None,
    paths: tuple[str, ...],
    output_format: str,
    fail_on_new: str,
    merge_base: bool,
    output_file: str | None,
) -> None:
    """Show what HEAD (default: the working tree) changes in the architecture of BASE."""
    config = read_config(config_path)
    try:
        diff = api.diff(base, head, paths, config, merge_base=merge_base, fail_on_new=fail_on_new)
    except (RevisionError, ConfigError) as exc:
        raise UsageProblem(str(exc)) from None
    text = render_diff(output_format, _shown(diff, output_format, config.limits.findings_per_rule))
    if output_file:
        write_file(output_file, text, make_folders=True)
    else:
        click.echo(text, nl=False)
    sys.exit(diff.exit_code)


def _shown(diff: EstateDiff, output_format: str, per_rule: int) -> EstateDiff:
    """The diff as its format shows it: SARIF goes to code scanning, as `lint`'s does, so it
    keeps limits.findings-per-rule of each rule's introduced findings (one AL006 counts the
    rest); the markdown comment caps itself by size, and text and JSON list every finding.
    The exit code is the whole diff's either way."""
    if output_format != "sarif":
        return diff
    return dataclasses.replace(diff, introduced=capped(diff.introduced, per_rule))
