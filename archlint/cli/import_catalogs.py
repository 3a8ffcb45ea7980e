"""`archlint import eventcatalog|backstage PATHS -o DIR`: archlint/v1 manifests from a catalog.

One manifest per service, written by the writer `archlint import asyncapi` uses, saying
what linting the catalog says (topics and targets the catalog leaves out are written as
they were inferred). Existing files are never overwritten without `--force`; nothing is
written when one would be. Exit 0 when the catalog read cleanly, 1 when it had problems
(printed, file:line:col), 2 for usage errors.
"""

from __future__ import annotations

import os

import click

from archlint.cli._shared import (
    UsageProblem,
    config_option,
    import_options,
    read_config,
    write_manifests,
)


def _command(source: str, word: str) -> click.Command:
    @click.command(word.lower())
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @import_options
    @config_option
    def command(
        paths: tuple[str, ...], output_dir: str, force: bool, config_path: str | None
    ) -> None:
        from archlint.loader.catalogs import PathNotFound, load_catalog

        config = read_config(config_path)
        cwd = os.getcwd()
        try:
            services, problems = load_catalog(source, paths, cwd, config.inputs, config.limits)
        except PathNotFound as error:
            raise UsageProblem(str(error)) from None
        if not services and not problems:
            raise UsageProblem(f"no {source} services in " + ", ".join(paths))
        write_manifests(services, problems, output_dir, force, word.lower())

    command.__doc__ = (
        f"Write a manifest for each service of the {source} catalog under PATHS. "
        f"Options come from the configuration (`{word.lower()}:`), as for `archlint lint`."
    )
    return command


eventcatalog = _command("EventCatalog", "EventCatalog")
backstage = _command("Backstage", "Backstage")
