"""`archlint graph [PATHS]`: draw the estate, clustered by bounded context."""

from __future__ import annotations

import sys

import click

from archlint.cli._shared import (
    UsageProblem,
    config_option,
    lint,
    output_file_option,
    paths_argument,
    read_config,
    write_file,
)
from archlint.diagram.elements import LEVELS, Diagram

TEXT_FORMATS = ("dot", "mermaid", "json")
# Past this many services an SVG or PNG of every service takes Graphviz minutes and reads
# as a hairball: without --level, the drawing is the context map, saying so.
DRAWN_SERVICES = 2000
FORMATS = ("dot", "svg", "png", "mermaid", "json")
EXTENSIONS = {
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".json": "json",
}


def _format_for(output_format: str | None, output_file: str | None) -> str:
    """--format, else the output file's extension, else DOT; an extension that contradicts
    --format, or that names no format when there is no --format, is a usage error."""
    if not output_file:
        return output_format or "dot"
    by_extension = next(
        (fmt for ext, fmt in EXTENSIONS.items() if output_file.lower().endswith(ext)), None
    )
    if by_extension is None and output_format is None:
        raise UsageProblem(
            f"-o {output_file}: the extension names no diagram format: give --format, or a "
            f"file ending in {', '.join(EXTENSIONS)}"
        )
    if output_format and by_extension and by_extension != output_format:
        raise UsageProblem(
            f"-o {output_file} is a {by_extension} file, but --format is {output_format}: "
            "make them agree"
        )
    return output_format or by_extension or "dot"


@click.command("graph")
@paths_argument
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="dot (default), svg, png (drawn by Graphviz), mermaid (for Markdown) or "
    "json. Without it, taken from the extension of -o.",
)
@output_file_option("the diagram")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default=None,
    help="service: services and topics, one cluster per context; context: the "
    "context map, one node per context. Default: service, but context for an SVG or PNG "
    f"of the whole estate past {DRAWN_SERVICES:,} services (Graphviz would take minutes).",
)
@click.option(
    "--context",
    "context",
    metavar="NAME",
    help="Focus on one context: its services and topics, each neighbouring "
    "context collapsed to one node.",
)
@click.option(
    "--service",
    "service",
    metavar="NAME",
    help="Focus on one service and the services within --hops of it.",
)
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=None,
    help="With --service: how many interactions away to include (default: 1).",
)
@click.option(
    "--edge-labels/--no-edge-labels",
    default=None,
    help="Name the events, commands and queries on edges (default: when the "
    "diagram shows at most 60 services and 120 edges).",
)
@click.option(
    "--bundle/--no-bundle",
    default=None,
    help="Draw one counted edge per pair of contexts instead of every edge "
    "between them, or leave them out where the pairs are too many to read; "
    "violations stay drawn (default: past 150 services and topics; never "
    "for json).",
)
def command(
    paths: tuple[str, ...],
    config_path: str | None,
    output_format: str | None,
    output_file: str | None,
    level: str | None,
    context: str | None,
    service: str | None,
    hops: int | None,
    edge_labels: bool | None,
    bundle: bool | None,
) -> None:
    """Draw the estate under PATHS: services clustered by bounded context, topics in their
    owner's context, violations in red with their rule codes."""
    from archlint.diagram.build import build
    from archlint.diagram.focus import FocusError

    if hops is not None and service is None:
        raise UsageProblem("--hops applies with --service only: add --service NAME, or drop --hops")
    fmt = _format_for(output_format, output_file)
    if fmt == "png" and not output_file and sys.stdout.isatty():
        raise UsageProblem("a PNG is binary: give -o FILE.png, or redirect standard output")
    config = read_config(config_path)
    result = lint(paths, config)
    if level is None:
        level = _default_level(fmt, len(result.estate.services), context or service)
    try:
        diagram = build(
            result.interactions,
            result.findings,
            level=level,
            context=context,
            service=service,
            hops=1 if hops is None else hops,
            edge_labels=edge_labels,
            bundle=False if fmt == "json" and bundle is None else bundle,
        )
    except FocusError as exc:
        raise UsageProblem(str(exc)) from None
    _write(_written(diagram, fmt, config.limits.dot_seconds), output_file)
    if output_file:
        click.echo(
            f"archlint: wrote {output_file} ({fmt}, {len(result.estate.services)} services)",
            err=True,
        )


def _default_level(fmt: str, services: int, focus: str | None) -> str:
    """The service level, but for a drawing of a whole estate too large to lay out."""
    if fmt not in ("svg", "png") or focus is not None or services <= DRAWN_SERVICES:
        return "service"
    click.echo(
        f"archlint: {services:,} services: drew the context map; for every service give "
        "--level service (Graphviz takes minutes), or focus with --context or --service",
        err=True,
    )
    return "context"


def _written(diagram: Diagram, fmt: str, dot_seconds: float) -> str | bytes:
    """The diagram in the format asked for; SVG and PNG drawn by Graphviz, within
    `dot_seconds` (limits.dot-seconds)."""
    if fmt == "mermaid":
        from archlint.diagram.mermaid import MAX_EDGES, to_mermaid

        if len(diagram.edges) > MAX_EDGES:
            click.echo(
                f"archlint: warning: {len(diagram.edges)} edges; GitHub draws Mermaid "
                f"diagrams of at most {MAX_EDGES}: focus with --context or --service, "
                "or use --level context",
                err=True,
            )
        return to_mermaid(diagram)
    if fmt == "json":
        from archlint.diagram.json_writer import to_json

        return to_json(diagram)
    from archlint.diagram.dot import to_dot

    text = to_dot(diagram)
    if fmt not in ("svg", "png"):
        return text
    from archlint.diagram.render import RenderError, dot_timeout, render

    try:
        return render(text, fmt, dot_timeout(dot_seconds))
    except RenderError as exc:
        raise UsageProblem(str(exc)) from None


def _write(data: str | bytes, output_file: str | None) -> None:
    if output_file:
        write_file(output_file, data)
    elif isinstance(data, str):
        click.echo(data, nl=False)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
