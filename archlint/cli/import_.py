"""`archlint import asyncapi FILES... -o DIR`: write archlint/v1 manifests from AsyncAPI.

For teams who want to switch: one manifest per document, named after its service, saying
exactly what linting the document says. Existing files are never overwritten without
`--force`; nothing is written when one would be. Exit 0 when every document converted
cleanly, 1 when some had problems (printed, file:line:col), 2 for usage errors.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from archlint.cli._shared import (
    UsageProblem,
    config_option,
    import_options,
    read_config,
    write_manifests,
)

if TYPE_CHECKING:  # imported where used: `archlint --help` stays quick
    from archlint.config.settings import Config
    from archlint.findings import Finding
    from archlint.model import Service


@click.group("import")
def command() -> None:
    """Write archlint/v1 manifests from other descriptions of the estate."""


@command.command("asyncapi")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@import_options
@config_option
def asyncapi(files: tuple[str, ...], output_dir: str, force: bool, config_path: str | None) -> None:
    """Write a manifest for each AsyncAPI 2.x/3.x document in FILES (files or folders).

    Context mappings come from the configuration (`asyncapi: {contexts: ...}`), as for
    `archlint lint`.
    """

    config = read_config(config_path)
    cwd = os.getcwd()
    services, problems = _read_documents(files, cwd, config)
    write_manifests(services, problems, output_dir, force)


def _read_documents(
    files: Sequence[str], cwd: str, config: Config
) -> tuple[list[Service], list[Finding]]:
    """The services of the AsyncAPI documents in FILES and the problems found, read as
    `archlint lint` reads them (the same reader, findings and AL004 for a service described
    twice); a file named explicitly must hold an AsyncAPI document."""
    from archlint.loader import LoadError, display_path, load_asyncapi_paths

    try:
        loaded = load_asyncapi_paths(
            files, cwd=cwd, asyncapi_contexts=config.asyncapi_contexts, limits=config.limits
        )
    except LoadError as exc:
        raise UsageProblem(str(exc)) from None
    services = sorted(loaded.estate.services, key=lambda s: (s.path, s.name))
    # A file that gave neither a service nor a problem holds no AsyncAPI document.
    answered = {s.path for s in services} | {f.path for f in loaded.findings}
    for given in files:
        shown = display_path(os.path.join(cwd, given), cwd)
        if os.path.isfile(given) and shown not in answered:
            raise UsageProblem(f"{shown}: not an AsyncAPI document (no top-level 'asyncapi' key)")
    if not services and not loaded.findings:
        raise UsageProblem(
            "no AsyncAPI documents (.yaml, .yml or .json files with an 'asyncapi' key) in "
            + ", ".join(files)
        )
    return services, list(loaded.findings)
