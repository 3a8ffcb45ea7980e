"""`archlint impact NAME`: what fails, and what runs late, when a service (or a topic) goes
down. Exit 0; 2 for a name the estate does not have (with a did-you-mean)."""

from __future__ import annotations

import sys

import click

from archlint import api
from archlint.cli._shared import (
    UsageProblem,
    config_option,
    output_file_option,
    paths_argument,
    read_config,
    write_file,
)
from archlint.config.settings import ConfigError
from archlint.impact import Impact, UnknownSubject
from archlint.interactions import Interactions
from archlint.loader import LoadError

FORMATS = ("text", "json", "dot", "svg", "mermaid")


@click.command("impact")
@click.argument("name")
@paths_argument
@config_option
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=None,
    help="At most this many hops: calls up to it, topics and their consumers down from it.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="dot, svg, mermaid: a diagram, the subject, what fails and what is delayed in colours.",
)
@output_file_option("the impact")
def command(
    name: str,
    paths: tuple[str, ...],
    config_path: str | None,
    depth: int | None,
    output_format: str,
    output_file: str | None,
) -> None:
    """Show what the outage of service (or topic) NAME takes down and delays, in the estate
    under PATHS (default: the configured paths, else .)."""
    config = read_config(config_path)
    try:
        found, interactions = api.impact(name, paths, config, depth=depth)
    except (UnknownSubject, LoadError, ConfigError) as exc:
        raise UsageProblem(str(exc)) from None
    data = _written(found, interactions, output_format, config.limits.dot_seconds)
    if output_file:
        write_file(output_file, data, make_folders=True)
    elif isinstance(data, str):
        click.echo(data, nl=False)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _written(
    found: Impact, interactions: Interactions, fmt: str, dot_seconds: float
) -> str | bytes:
    from archlint.formats.impact import render_json, render_text

    if fmt == "text":
        return render_text(found)
    if fmt == "json":
        return render_json(found)
    from archlint.diagram.outage import impact_diagram

    diagram = impact_diagram(found, interactions)
    if fmt == "mermaid":
        from archlint.diagram.mermaid import to_mermaid

        return to_mermaid(diagram)
    from archlint.diagram.dot import to_dot

    text = to_dot(diagram)
    if fmt == "dot":
        return text
    from archlint.diagram.render import RenderError, dot_timeout, render

    try:
        return render(text, "svg", dot_timeout(dot_seconds))
    except RenderError as exc:
        raise UsageProblem(str(exc)) from None
