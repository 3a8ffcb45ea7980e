"""`archlint import asyncapi FILES... -o DIR`: write archlint/v1 manifests from AsyncAPI.

For teams who want to switch: one manifest per document, named after its service, saying
exactly what linting the document says. Existing files are never overwritten without
`--force`; nothing is written when one would be. Exit 0 when every document converted
cleanly, 1 when some had problems (printed, file:line:col), 2 for usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from archlint.cli._shared import UsageProblem, config_option, read_config


@click.group("import")
def command() -> None:
    """Write archlint/v1 manifests from other descriptions of the estate."""


@command.command("asyncapi")
@click.argument("files", nargs=-1, required=True, type=click.Path())
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
def asyncapi(files, output_dir, force, config_path):
    """Write a manifest for each AsyncAPI 2.x/3.x document in FILES (files or folders).

    Context mappings come from the configuration (`asyncapi: {contexts: ...}`), as for
    `archlint lint`.
    """
    from archlint.asyncapi.files import SUFFIXES, load_asyncapi_file
    from archlint.asyncapi.manifest import service_manifest

    config = read_config(config_path)
    cwd = os.getcwd()
    services, problems = [], []
    for path, explicit in _documents(files):
        display = _display(path, cwd)
        loaded = load_asyncapi_file(path, display, config.asyncapi_contexts)
        if loaded is None:
            if explicit:
                raise UsageProblem(
                    f"{display}: not an AsyncAPI document (no top-level 'asyncapi' key)"
                )
            continue
        services.extend((s, display) for s in loaded[0])
        problems.extend(loaded[1])
    if not services and not problems:
        raise UsageProblem(
            f"no AsyncAPI documents ({', '.join(SUFFIXES)} files with an "
            "'asyncapi' key) in " + ", ".join(files)
        )
    plan = _plan(services, Path(output_dir), problems)
    existing = [_display(str(p), cwd) for p in plan if p.exists()]
    if existing and not force:
        raise UsageProblem(f"{', '.join(existing)} already exist; pass --force to overwrite")
    for problem in sorted(problems, key=lambda f: f.sort_key()):
        click.echo(f"{problem.location}: {problem.code} {problem.message}", err=True)
    for target, (service, origin) in plan.items():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(service_manifest(service, origin), encoding="utf-8")
        except OSError as exc:
            shown = _display(str(target), cwd)
            raise UsageProblem(f"cannot write {shown}: {exc.strerror}") from None
        click.echo(f"wrote {_display(str(target), cwd)} (service {service.name}, from {origin})")
    sys.exit(1 if problems else 0)


def _documents(files):
    """(path, named explicitly) for each file given and each YAML/JSON file under a folder."""
    from archlint.asyncapi.files import SUFFIXES

    for given in files:
        if os.path.isdir(given):
            for folder, subdirs, names in os.walk(given):
                subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
                for name in sorted(names):
                    if name.endswith(SUFFIXES):
                        yield os.path.join(folder, name), False
        elif os.path.isfile(given):
            yield given, True
        else:
            raise UsageProblem(f"{given}: no such file or folder")


def _plan(services, output: Path, problems) -> dict:
    """Target file -> (service, origin); a second document for one service is a problem."""
    from archlint.findings import Finding

    plan: dict[Path, tuple] = {}
    first: dict[str, str] = {}
    for service, origin in sorted(services, key=lambda so: (so[1], so[0].name)):
        if service.name in first:
            problems.append(
                Finding(
                    "AL004",
                    f"service '{service.name}' is also described by {first[service.name]}; "
                    "give one of them another name with x-archlint-service",
                    service.location,
                    {"service": service.name},
                )
            )
            continue
        first[service.name] = origin
        plan[output / f"{service.name}.yaml"] = (service, origin)
    return plan


def _display(path: str, cwd: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return path
