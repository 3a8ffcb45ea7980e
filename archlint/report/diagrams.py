"""The report's diagrams: the context map, the whole estate (when small enough to read) and
one clustered diagram per context, drawn as SVG by Graphviz and made fit to inline.

Every node links to its section of the report: a service to its service section, a
context on the map to its diagram. One `dot` process per diagram, a few at a time; above
GRAPHVIZ_CONTEXTS contexts the report's script draws each context's diagram when it is
opened (archlint.report.drawings), and Graphviz draws none of them.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

from archlint.diagram.dot import to_dot
from archlint.diagram.elements import CONTEXT, SERVICE, Diagram, NodeId
from archlint.diagram.focus import focus_contexts
from archlint.diagram.render import DOT_TIMEOUT, RenderTimeout, inline_svg, render_many
from archlint.diagram.service_level import service_diagram
from archlint.engine import LintResult
from archlint.report.data import Report
from archlint.report.drawings import drawing, script_json

# Past this many services the whole estate in one diagram is not worth its rendering
# time nor readable on a screen: the report keeps the context map and one per context.
WHOLE_ESTATE_LIMIT = 80
# Past this many contexts the context map is a hairball: the context matrix replaces it.
MAP_CONTEXTS = 40
# Past this many contexts Graphviz would take most of the report's time and size: each
# context's diagram is drawn by the report's script when it is opened.
GRAPHVIZ_CONTEXTS = 40


def check_inert(svg: str) -> None:
    """Refuse an SVG that could run code: Graphviz never writes scripts, event handler
    attributes or javascript: links, and escapes every name; this checks it all the same,
    on the parsed document, so that no name can ever bring active content into the page."""
    for element in ET.fromstring(svg).iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "object", "embed"):
            raise ValueError(f"an SVG holds a <{tag}> element; refusing to embed it")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ValueError(f"an SVG holds an event handler ({local}); refusing to embed it")
            if local == "href" and not value.startswith("#"):
                raise ValueError("an SVG links outside the report; refusing to embed it")


@dataclass(frozen=True)
class Figure:
    anchor: str  # the HTML id of the figure
    title: str
    svg: Markup
    context: str | None = None  # a per-context diagram: its context
    left_out: str | None = None  # why the diagram is not drawn (dot ran out of time)
    drawing: Markup | None = None  # JSON the report's script draws on opening (no svg)


def _links(report: Report, diagram: Diagram) -> dict[NodeId, str]:
    """A service's node -> its section; a context's node -> its context's section."""
    links = {}
    context_anchor = {c.name: c.anchor for c in report.contexts}
    for node in diagram.nodes:
        if node.kind == SERVICE and node.name in report.anchors:
            links[node.id] = "#" + report.anchors[node.name]
        elif node.kind == CONTEXT and node.name in context_anchor:
            links[node.id] = "#" + context_anchor[node.name]
    return links


def draw(
    report: Report,
    result: LintResult,
    map_diagram: Diagram,
    workers: int | None = None,
    dot_seconds: float = DOT_TIMEOUT,
) -> list[Figure]:
    """Every diagram of the report: drawn by Graphviz as SVG where the estate is small
    enough (the map up to MAP_CONTEXTS contexts, each context up to GRAPHVIZ_CONTEXTS), else
    as data the report's script draws when a context is opened. Each `dot` run is stopped
    after `dot_seconds`, its diagram left out, saying so."""
    interactions, findings = result.interactions, result.findings
    plans: list[tuple[str, str, Diagram, str | None]] = []
    if len(report.contexts) <= MAP_CONTEXTS:
        plans.append(("map", "Context map", map_diagram, None))
    full = service_diagram(interactions, findings)
    if len(interactions.estate.services) <= WHOLE_ESTATE_LIMIT and len(report.contexts) > 1:
        plans.append(("estate", "The whole estate", full, None))
    drawn = [ctx for ctx in report.contexts if ctx.services]
    focused = focus_contexts(full, interactions, [ctx.name for ctx in drawn])
    figures = []
    for ctx, diagram in zip(drawn, focused, strict=True):
        anchor, title = f"{ctx.anchor}-diagram", f"Context {ctx.name}"
        if len(drawn) <= GRAPHVIZ_CONTEXTS:
            plans.append((anchor, title, diagram, ctx.name))
        else:
            data = script_json(drawing(diagram, _links(report, diagram)))
            figures.append(Figure(anchor, title, Markup(""), ctx.name, drawing=data))
    dots = [
        to_dot(diagram, links=_links(report, diagram), legend=False) for _, _, diagram, _ in plans
    ]
    if workers is None:
        workers = max(1, min(4, os.cpu_count() or 1))
    svgs = render_many(dots, "svg", workers=workers, timeout=dot_seconds)
    for (anchor, title, _, context), svg in zip(plans, svgs, strict=True):
        if isinstance(svg, RenderTimeout):  # the report is still written, saying so
            note = Markup('<p class="diagram-missing">{}</p>').format(f"Not drawn: {svg}")
            figures.append(Figure(anchor, title, note, context, left_out=str(svg)))
            continue
        text = inline_svg(svg, id_prefix=f"{anchor}-")
        check_inert(text)
        figures.append(Figure(anchor, title, Markup(text), context))
    return figures
