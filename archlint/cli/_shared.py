"""What several commands share: options, the API calls that can fail with a usage error, and
writing output files. Every problem the user must fix is one line and exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Literal, TypeVar

import click

from archlint import api
from archlint.baseline import BaselineError
from archlint.config.settings import Config, ConfigError
from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.loader import LoadError, display_path
from archlint.loader.atomic import write_atomically
from archlint.model import Service

F = TypeVar("F", bound=Callable[..., Any])


class UsageProblem(click.ClickException):
    """A one-line error that the user fixes: exit 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        from archlint.formats.terminal import neutralise  # names from manifests, shown inert

        click.echo(f"archlint: {neutralise(self.format_message())}", err=True)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: archlint.yaml or pyproject.toml [tool.archlint], "
    "found upwards from the working directory).",
)
paths_argument = click.argument("paths", nargs=-1, type=click.Path())


def output_file_option(what: str) -> Callable[[F], F]:
    """`--output-file`/`-o`: write `what` (the diff, the diagram...) to a file, not stdout."""
    return click.option(
        "--output-file",
        "-o",
        type=click.Path(dir_okay=False),
        help=f"Write {what} to this file instead of standard output.",
    )


FAIL_ON_CHOICES = click.Choice(["error", "warning", "info", "never"])


def selection_options(fail_on_help: str) -> Callable[[F], F]:
    """--select, --ignore and --fail-on: which rules run, and what fails."""

    def decorate(command: F) -> F:
        command = click.option("--fail-on", type=FAIL_ON_CHOICES, default=None, help=fail_on_help)(
            command
        )
        command = click.option(
            "--ignore", multiple=True, metavar="RULES", help="Skip these rules."
        )(command)
        command = click.option(
            "--extend-select",
            multiple=True,
            metavar="RULES",
            help="Add these rules to the selection (and take them out of the configured ignore).",
        )(command)
        return click.option(
            "--select",
            multiple=True,
            metavar="RULES",
            help="Only these rules: codes, prefixes (SW) or slugs; comma-separated or repeated.",
        )(command)

    return decorate


def read_config(
    config_path: str | None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    extend_select: Iterable[str] = (),
) -> Config:
    """The configuration, with the command line's --select, --extend-select, --ignore and
    --fail-on on top."""
    try:
        return api.override(api.load_config(config_path), select, ignore, fail_on, extend_select)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def cache_options(command: F) -> F:
    """--cache-dir and --no-cache, for the commands that lint."""
    command = click.option(
        "--no-cache", is_flag=True, help="Neither read nor write the cache: lint every file anew."
    )(command)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="Keep the cache here (default: $ARCHLINT_CACHE_DIR, else .archlint_cache beside "
        "the configuration, else at the root of what is linted).",
    )(command)


def cache_folder_of(paths: Sequence[str], config: Config, given: str | None) -> str:
    """The cache folder of a run on `paths` (archlint.cache.cache_folder)."""
    from archlint.cache import cache_folder

    targets = api.targets_of(paths, config)
    return cache_folder(config.source, targets, os.getcwd(), given, os.environ)


def lint(
    paths: Sequence[str],
    config: Config,
    baseline: str | Literal[False] | None = None,
    cache_dir: str | None = None,
) -> LintResult:
    """archlint.lint, with its problems as usage errors."""
    try:
        return until_exit(
            lambda: api.lint(paths, config, baseline=baseline, cache_dir=cache_dir), cache_dir
        )
    except (LoadError, BaselineError, ConfigError) as exc:
        raise UsageProblem(str(exc)) from None


_KEPT: list[object] = []
R = TypeVar("R")


def until_exit(run: Callable[[], R], cache_dir: str | None) -> R:
    """`run()`, its result kept until the process ends (the last one only), and the cache's
    entries it read: the console command ends without freeing them object by object, which
    was a sixth of a replay (archlint.cli._end)."""
    if cache_dir is not None:
        from archlint.cache.runs import keep_until_exit

        keep_until_exit()
    result = run()
    _KEPT[:] = [result]
    return result


def write_file(path: str, data: str | bytes, make_folders: bool = False) -> None:
    """Write an output file (text as UTF-8 with \\n line ends); a failure is exit 2."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        folder = os.path.dirname(path)
        if make_folders and folder:
            os.makedirs(folder, exist_ok=True)
        write_atomically(path, raw)
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}") from None


def import_options(command: F) -> F:
    """-o DIR and --force, for the `archlint import` commands."""
    command = click.option("--force", is_flag=True, help="Overwrite manifests that already exist.")(
        command
    )
    return click.option(
        "--output",
        "-o",
        "output_dir",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder to write the manifests into.",
    )(command)


def write_manifests(
    services: Sequence[Service],
    problems: Sequence[Finding],
    output_dir: str,
    force: bool,
    source: str | None = None,
) -> None:
    """One manifest per service in `output_dir` (never overwriting without `force`: nothing
    is written when one would be), the problems printed; exit 1 when there were any."""
    from archlint.formats.terminal import line_start, neutralise
    from archlint.loader.atomic import check_inside
    from archlint.loader.manifest_writer import service_manifest

    cwd = os.getcwd()
    plan = {Path(output_dir) / f"{service.name}.yaml": service for service in services}
    existing = [display_path(os.path.abspath(p), cwd) for p in plan if p.exists()]
    if existing and not force:
        raise UsageProblem(f"{', '.join(existing)} already exist; pass --force to overwrite")
    for problem in problems:
        click.echo(line_start(f"{problem.location}: {problem.code} {problem.message}"), err=True)
    for target, service in plan.items():
        shown = display_path(os.path.abspath(target), cwd)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            check_inside(str(target), output_dir)
            manifest = service_manifest(service, service.path, *((source,) if source else ()))
            write_atomically(str(target), manifest.encode("utf-8"), force=force)
        except OSError as exc:
            raise UsageProblem(f"cannot write {shown}: {exc.strerror}") from None
        click.echo(neutralise(f"wrote {shown} (service {service.name}, from {service.path})"))
    sys.exit(1 if problems else 0)
