"""`archlint rules`: every rule of the run, built-in and custom, as a table or JSON."""

from __future__ import annotations

import json

import click

from archlint import api
from archlint.catalogue import OptionValue
from archlint.cli._shared import config_option, read_config
from archlint.registry import Registry


def rule_rows(rules: Registry) -> list[dict[str, str | bool | list[str] | dict[str, OptionValue]]]:
    return [
        {
            "code": s.code,
            "slug": s.slug,
            "severity": s.severity,
            "summary": s.summary,
            "options": s.defaults,
            "entities": list(s.entities),
            "custom": s.custom,
        }
        for s in rules.specs
    ]


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@config_option
def command(output_format: str, config_path: str | None) -> None:
    """List every rule: code, slug, default severity and what it flags (custom rules of the
    configuration too)."""
    rules = api.rules_of(read_config(config_path))
    if output_format == "json":
        click.echo(json.dumps(rule_rows(rules), indent=2))
        return
    slug_width = max(len(s.slug) for s in rules.specs)
    for s in rules.specs:
        click.echo(f"{s.code}  {s.slug:<{slug_width}}  {s.severity:<7}  {s.summary}")
