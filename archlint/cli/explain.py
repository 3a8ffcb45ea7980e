"""`archlint explain CODE|SLUG`: a rule's page."""

from __future__ import annotations

import click

from archlint.catalogue import RuleSpec, load_catalogue, resolve_rule
from archlint.cli._shared import UsageProblem


def rule_page(spec: RuleSpec) -> str:
    """The page as Markdown: what, why, a failing and a passing example, how to fix."""
    parts = [
        f"# {spec.code} {spec.slug}",
        "",
        f"Default severity: {spec.severity}. {spec.summary}",
        "",
    ]
    if spec.options:
        parts += ["## Options", ""]
        parts += [f"- `{o.name}` (default `{o.default}`): {o.description}" for o in spec.options]
        parts.append("")
    sections = (("What it checks", spec.what), ("Why", spec.why))
    for title, body in sections:
        if body:
            parts += [f"## {title}", "", body, ""]
    for title, example in (("Fails", spec.fails), ("Passes", spec.passes)):
        if example:
            parts += [f"## {title}", "", "```yaml", example.rstrip("\n"), "```", ""]
    if spec.fix:
        parts += ["## How to fix", "", spec.fix, ""]
    return "\n".join(parts)


@click.command("explain")
@click.argument("rule")
def command(rule):
    """Show a rule's documentation (by code, such as CX001, or slug)."""
    try:
        codes = resolve_rule(rule)
    except KeyError:
        codes = []
    if len(codes) != 1:
        raise UsageProblem(f"no rule {rule!r}; run `archlint rules` for the list")
    click.echo(rule_page(load_catalogue()[codes[0]]), nl=False)
