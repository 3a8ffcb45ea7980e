"""`archlint init [DIRECTORY]`: start an estate: a commented configuration, the manifest
schema for editors, and two example manifests that lint clean.

Never overwrites: a file that exists is left as it is, with a note.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from archlint.cli._shared import UsageProblem

SCHEMA_FILE = "archlint.schema.json"

CONFIG = """\
# archlint configuration. Every key is optional; paths are relative to this file.
# Each is described in https://github.com/archlint/archlint/blob/main/docs/configuration.md

# What `archlint lint` checks when given no PATHS.
paths: [services]

# Globs, relative paths or folder names to skip.
# exclude: ["legacy/**"]

# recommended: every rule at its default severity; strict: warnings that matter fail too.
ruleset: recommended

# Only these rules (codes, prefixes such as SW, or slugs), or all but these.
# `archlint rules` lists them; `archlint explain CODE` explains one.
# select: [SW, CX, RF, SY]
# ignore: [produced-never-consumed]

# The lowest severity that fails the run: error | warning | info | never.
fail-on: error

# Per rule: a severity, `off`, or a mapping of severity and options.
# rules:
#   SY002: {max-depth: 4}
#   CX002: {severity: error}
#   RF003: off

# Adopting archlint in an estate with findings? Accept today's with
# `archlint baseline -o archlint-baseline.json`; lint then reports only new ones.
# baseline: archlint-baseline.json
"""

MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n"

ORDERS = (
    MODELINE
    + """\
# One manifest per service; every field: https://github.com/archlint/archlint/blob/main/docs/manifests.md
apiVersion: archlint/v1
kind: Service
metadata:
  name: orders              # unique in the estate
  context: orders           # its bounded context
  owner: team-orders
  description: Takes orders and publishes what happens to them.
spec:
  owns: [orders]            # the topics it is the single writer of
  produces:
    - topic: orders
      events: [OrderPlaced, OrderCancelled]
"""
)

SHIPPING = (
    MODELINE
    + """\
apiVersion: archlint/v1
kind: Service
metadata:
  name: shipping
  context: logistics
  owner: team-logistics
  description: Ships placed orders; learns of them from events, never by asking.
spec:
  consumes:
    - topic: orders         # subscribes: orders does not know shipping exists
      events: [OrderPlaced, OrderCancelled]
  views:
    - name: open-orders     # a local view built from events, instead of querying orders
      from: [orders]
"""
)


def starter_files() -> dict[str, str]:
    """Relative path -> content of every file `init` writes."""
    from archlint.schema import manifest_schema

    return {
        "archlint.yaml": CONFIG,
        # Byte for byte what `archlint schema > archlint.schema.json` writes.
        SCHEMA_FILE: json.dumps(manifest_schema(), indent=2) + "\n",
        "services/orders.yaml": ORDERS,
        "services/shipping.yaml": SHIPPING,
    }


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def command(directory: str) -> None:
    """Write a commented archlint.yaml, the manifest schema and example manifests into
    DIRECTORY (default: .). Existing files are never overwritten."""
    root = Path(directory)
    for name, text in starter_files().items():
        path = root / name
        shown = path.as_posix()
        if path.exists():
            click.echo(f"{shown}: exists, left unchanged", err=True)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except OSError as exc:
            raise UsageProblem(f"cannot write {shown}: {exc.strerror}") from None
        click.echo(f"{shown}: created", err=True)
    where = "" if directory == "." else f" (in {directory})"
    click.echo(
        f"Next: `archlint lint`{where} checks the estate; edit services/*.yaml to describe yours.",
        err=True,
    )
