"""`archlint clean [PATHS]`: remove the cache that `archlint lint` of PATHS keeps."""

from __future__ import annotations

import os

import click

from archlint.cli._shared import (
    UsageProblem,
    cache_folder_of,
    config_option,
    paths_argument,
    read_config,
)


@click.command("clean")
@paths_argument
@config_option
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="The cache to remove (default: the one `archlint lint` of PATHS uses).",
)
def command(paths: tuple[str, ...], config_path: str | None, cache_dir: str | None) -> None:
    """Remove the cache folder (.archlint_cache) that `archlint lint` of PATHS keeps."""
    from archlint.cache import clean
    from archlint.loader import display_path

    folder = cache_folder_of(paths, read_config(config_path), cache_dir)
    shown = display_path(folder, os.getcwd())
    try:
        removed = clean(folder)
    except ValueError as exc:
        raise UsageProblem(f"{exc}: remove it by hand if it is yours") from None
    except OSError as exc:
        raise UsageProblem(f"cannot remove {shown}: {exc.strerror}") from None
    click.echo(f"removed {shown}" if removed else f"no cache at {shown}")
