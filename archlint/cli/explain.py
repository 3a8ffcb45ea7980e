"""`archlint explain CODE|SLUG`: a rule's page. A custom rule's page is made of the
configuration's words (its slug, its message): printed through the terminal's escaping."""

from __future__ import annotations

import click

from archlint import api
from archlint.catalogue import RuleSpec
from archlint.cli._shared import UsageProblem, config_option, read_config
from archlint.formats.terminal import neutralise, text_line, text_lines


def rule_page(spec: RuleSpec) -> str:
    """The page as Markdown: what, why, a failing and a passing example, how to fix."""
    parts = [
        f"# {spec.code} {neutralise(spec.slug)}",
        "",
        f"Default severity: {spec.severity}. {neutralise(spec.summary)}",
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
@click.argument("rule", required=False)
@config_option
def command(rule: str | None, config_path: str | None) -> None:
    """Show a rule's documentation (by code, such as CX001, or slug; custom rules too);
    without RULE, list the rules to choose from."""
    rules = api.rules_of(read_config(config_path))
    if rule is None:
        click.echo("Rules (`archlint explain CODE` for one):")
        for spec in rules.specs:
            click.echo(text_line(f"  {spec.code}  {spec.slug}: {spec.summary}"))
        return
    code = rules.resolve_one(rule)
    if code is None:
        hint = rules.suggest(rule)
        raise UsageProblem(
            f"no rule {rule!r}{f' ({hint})' if hint else ''}; run `archlint rules` for the list"
        )
    click.echo(text_lines(rule_page(rules.spec(code))), nl=False)
