"""`archlint import eventcatalog|backstage PATHS -o DIR`: archlint/v1 manifests from a catalog.

One manifest per service, written by the writer `archlint import asyncapi` uses, saying
what linting the catalog says (topics and targets the catalog leaves out are written as
they were inferred). Existing files are never overwritten without `--force`; nothing is
written when one would be. Exit 0 when the catalog read cleanly, 1 when it had problems
(printed, file:line:col), 2 for usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from archlint.cli._shared import UsageProblem, config_option, read_config


def _command(source: str, word: str) -> click.Command:
    @click.command(word.lower())
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option(
        "--output",
        "-o",
        "output_dir",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder to write the manifests into.",
    )
    @click.option("--force", is_flag=True, help="Overwrite manifests that already exist.")
    @config_option
    def command(
        paths: tuple[str, ...], output_dir: str, force: bool, config_path: str | None
    ) -> None:
        from archlint.loader.catalogs import PathNotFound, load_catalog
        from archlint.loader.manifest_writer import service_manifest

        config = read_config(config_path)
        cwd = os.getcwd()
        try:
            services, problems = load_catalog(source, paths, cwd, config.inputs)
        except PathNotFound as error:
            raise UsageProblem(str(error)) from None
        if not services and not problems:
            raise UsageProblem(f"no {source} services in " + ", ".join(paths))
        plan = {Path(output_dir) / f"{s.name}.yaml": s for s in services}
        existing = [str(p) for p in plan if p.exists()]
        if existing and not force:
            raise UsageProblem(f"{', '.join(existing)} already exist; pass --force to overwrite")
        for problem in problems:
            click.echo(f"{problem.location}: {problem.code} {problem.message}", err=True)
        for target, service in plan.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(
                    service_manifest(service, service.path, word.lower()), encoding="utf-8"
                )
            except OSError as exc:
                raise UsageProblem(f"cannot write {target}: {exc.strerror}") from None
            click.echo(f"wrote {target} (service {service.name}, from {service.path})")
        sys.exit(1 if problems else 0)

    command.__doc__ = (
        f"Write a manifest for each service of the {source} catalog under PATHS. "
        f"Options come from the configuration (`{word.lower()}:`), as for `archlint lint`."
    )
    return command


eventcatalog = _command("EventCatalog", "EventCatalog")
backstage = _command("Backstage", "Backstage")
