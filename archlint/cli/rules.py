"""`archlint rules`: the rule catalogue as a table or JSON."""

from __future__ import annotations

import json

import click

from archlint.catalogue import load_catalogue


def rule_rows():
    return [
        {
            "code": s.code,
            "slug": s.slug,
            "severity": s.severity,
            "summary": s.summary,
            "options": s.defaults,
            "entities": list(s.entities),
        }
        for s in load_catalogue().values()
    ]


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def command(output_format):
    """List every rule: code, slug, default severity and what it flags."""
    rows = rule_rows()
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    slug_width = max(len(r["slug"]) for r in rows)
    for r in rows:
        click.echo(f"{r['code']}  {r['slug']:<{slug_width}}  {r['severity']:<7}  {r['summary']}")
