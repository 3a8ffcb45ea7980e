"""What several commands share: options, configuration, loading, and the usage-error exit."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence

import click

from archlint.config import Config, ConfigError, load_config


class UsageProblem(click.ClickException):
    """A one-line error that the user fixes: exit 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"archlint: {self.format_message()}", err=True)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: archlint.yaml or pyproject.toml [tool.archlint], "
    "found upwards from the working directory).",
)
paths_argument = click.argument("paths", nargs=-1, type=click.Path())


def read_config(config_path: str | None) -> Config:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def load_estate(paths: Sequence[str], config: Config):
    """Load the estate from PATHS, else the configured paths, else the working directory."""
    from archlint.loader import LoadError, load_paths

    targets = list(paths) or list(config.paths) or ["."]
    try:
        return load_paths(
            targets,
            exclude=config.exclude,
            cwd=os.getcwd(),
            asyncapi_contexts=config.asyncapi_contexts,
        )
    except LoadError as exc:
        raise UsageProblem(str(exc)) from None


def lint(paths: Sequence[str], config: Config):
    """Load and check: the LintResult every output is made from."""
    from archlint.engine import LintResult, run_checks

    # Loading allocates hundreds of thousands of objects that all stay alive until the end:
    # the cyclic garbage collector would traverse them again and again for nothing (it was
    # a third of the run on 2,000 services). Reference counting still frees the rest.
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = load_estate(paths, config)
        findings = run_checks(loaded.estate, loaded.findings, config)
    finally:
        if collecting:
            gc.enable()
    return LintResult(estate=loaded.estate, findings=tuple(findings), fail_on=config.fail_on)


def write_file(path: str, data: str | bytes, make_folders: bool = False) -> None:
    """Write an output file (text as UTF-8 with \\n line ends); a failure is exit 2."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        folder = os.path.dirname(path)
        if make_folders and folder:
            os.makedirs(folder, exist_ok=True)
        with open(path, "wb") as out:
            out.write(raw)
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror}") from None


def config_with(config: Config, **overrides) -> Config:
    try:
        return config.with_overrides(**overrides)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
