"""`archlint schema`: the JSON Schema of the manifest format, for editors."""

from __future__ import annotations

import json

import click


@click.command("schema")
def command() -> None:
    """Print the JSON Schema of archlint/v1 manifests."""
    from archlint.schema import manifest_schema

    click.echo(json.dumps(manifest_schema(), indent=2))
