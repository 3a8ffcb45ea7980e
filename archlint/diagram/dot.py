"""Write a diagram as Graphviz DOT: pure text, sorted, needs no Graphviz binary.

Every string is written by `quote`, so any name (quotes, backslashes, `<`, `>`, `{}`,
newlines) gives valid DOT that shows the name as written. Node ids are the diagram's own
ids, quoted the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from archlint.diagram.dot_quote import dot_id, quote, quote_left
from archlint.diagram.elements import (
    COMMAND,
    CONTEXT,
    CONTEXT_LEVEL,
    EDGE_STYLE,
    FLOW,
    GRANTED,
    QUERY,
    SERVICE,
    TONES,
    TOPIC,
    UNDECLARED,
    Diagram,
    Edge,
    Node,
    NodeId,
    context_id,
    service_id,
)
from archlint.diagram.labels import edge_label_lines, node_label_lines, omitted_note
from archlint.diagram.layout import Grid, grid

FONT = "Helvetica"
RED = "#c0161d"
INK = "#4d5560"
FAINT = "#4d5560aa"  # context-map flows: translucent, so that crossings stay readable

LEGEND = (
    "solid: events (producer → topic → consumer)   dashed: commands   dotted: queries   "
    "red: violation, with its rule code   double border: global service   "
    "dashed topic outside the clusters: nobody owns it"
)
CONTEXT_LEGEND = (
    "one node per bounded context; arrows count what flows from one context "
    "to the other; red: violation, with its rule codes"
)

# Diagrams with more nodes than this get the settings for large graphs: tighter spacing,
# parallel edges merged, and a cheaper crossing minimisation.
LARGE = 120
PIN_FOCUS = 40  # ... and so do context views of more nodes, with neighbours around them
CURVED_EDGES = 200  # a context map with more edges draws them straight, and counts in tooltips


def _attrs(pairs: Mapping[str, str | float | int] | list[tuple[str, object]]) -> str:
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    parts = []
    for key, value in items:
        if isinstance(value, float):
            value = f"{value:g}"
        parts.append(f"{key}={value if isinstance(value, int) else quote(str(value))}")
    return "[" + ", ".join(parts) + "]"


def _graph_settings(diagram: Diagram, large: bool) -> list[tuple[str, object]]:
    """The graph's attributes, its layout engine named (dot, neato for a context map, twopi
    for a service's neighbourhood) rather than left to whoever runs it."""
    settings: list[tuple[str, object]] = [
        ("rankdir", "LR"),
        ("newrank", "true"),
        ("fontname", FONT),
        ("fontsize", 11),
        ("labelloc", "b"),
        ("labeljust", "l"),
        ("outputorder", "edgesfirst"),
        ("bgcolor", "white"),
    ]
    if diagram.level == CONTEXT_LEVEL:
        # A context map is rarely a hierarchy (contexts trade events both ways): a
        # spring layout spreads it evenly where dot's ranks would pile it up.
        # Routing curves around nodes costs seconds past a few hundred edges: then lines.
        splines = "true" if len(diagram.edges) <= CURVED_EDGES else "line"
        settings += [
            ("layout", "neato"),
            ("mode", "major"),
            ("overlap", "false"),
            ("sep", "+18"),
            ("esep", "+6"),
            ("splines", splines),
            ("pad", 0.3),
        ]
    elif large:
        # Big estates: ranks pinned by layout.grid (see there), tight spacing, and a bounded
        # crossing minimisation and positioning, which otherwise dominate the layout time.
        settings += [
            ("layout", "dot"),
            ("nodesep", 0.08),
            ("ranksep", 0.9),
            ("splines", "true"),
            ("mclimit", 0.5),
            ("nslimit", 4),
            ("searchsize", 30),
        ]
    elif _centre(diagram) is not None:
        # A service and its neighbours: the service in the middle, each hop a ring
        # around it (twopi), instead of dot's ranks that make a thin strip of it.
        settings += [
            ("layout", "twopi"),
            ("root", dot_id(str(_centre(diagram)))),
            ("ranksep", 1.4),
            ("overlap", "false"),
            ("splines", "true"),
        ]
    else:
        settings += [("layout", "dot"), ("nodesep", 0.3), ("ranksep", 0.7), ("splines", "true")]
    return settings


def _centre(diagram: Diagram) -> NodeId | None:
    """The service a --service view is about."""
    focus = dict(diagram.focus)
    return service_id(focus["service"]) if "service" in focus else None


def _node_attrs(node: Node, link: str | None) -> list[tuple[str, object]]:
    attrs: list[tuple[str, object]] = [("label", "\n".join(node_label_lines(node)))]
    if node.kind == SERVICE:
        attrs += [
            ("shape", "box"),
            ("style", "rounded,filled"),
            ("fillcolor", "#e3f2e1" if node.is_global else "#dde9f8"),
            ("color", "#2f6b2f" if node.is_global else "#3566a8"),
        ]
        if node.is_global:
            attrs.append(("peripheries", 2))
    elif node.kind == TOPIC:
        owned = node.owner is not None and node.cluster is not None
        attrs += [
            ("shape", "cds"),
            ("fontsize", 9),
            ("margin", "0.2,0.04"),
            ("style", "filled" if owned else "filled,dashed"),
            ("fillcolor", "#fdf3d7" if owned else "#fde2d6"),
            ("color", "#a07a16" if owned else "#c1502e"),
        ]
    elif node.kind == CONTEXT:
        attrs += [
            ("shape", "box3d" if node.collapsed else "box"),
            ("style", "filled" if node.collapsed else "rounded,filled"),
            ("fillcolor", "#ececec" if node.collapsed else "#dde9f8"),
            ("color", "#666666" if node.collapsed else "#3566a8"),
            ("fontsize", 10 if node.collapsed else 12),
        ]
        if node.is_global and not node.collapsed:
            attrs.append(("peripheries", 2))
    elif node.kind == UNDECLARED:
        attrs += [
            ("shape", "box"),
            ("style", "rounded,dashed"),
            ("color", "#888888"),
            ("fontcolor", "#666666"),
        ]
    if node.rules:
        attrs += [("color", RED), ("penwidth", 2), ("fontcolor", RED)]
    if node.tone:
        fill, line = TONES[node.tone]
        attrs += [("fillcolor", fill), ("color", line), ("penwidth", 2)]
    if link:
        attrs += [("URL", link), ("target", "_top")]
    return attrs


def _edge_attrs(
    edge: Edge, with_names: bool, pinned: bool, between: bool, diagram_level_context: bool = False
) -> list[tuple[str, object]]:
    """`pinned`: ranks come from layout.grid, no edge may move them; `between`: an edge
    from one cluster to another in a large diagram, drawn faint so that each cluster's own
    structure stands out."""
    attrs: list[tuple[str, object]] = [("constraint", "false")] if pinned else []
    style = EDGE_STYLE[edge.kind]
    if style != "solid":
        attrs.append(("style", style))
    lines = edge_label_lines(edge, with_names)
    if edge.kind == FLOW and diagram_level_context and not with_names and not edge.rules:
        # a dense context map: the counts go in the tooltip, the width shows the weight
        attrs.append(("tooltip", "\n".join(lines)))
        lines = []
    if lines:
        # Pinned layouts place labels afterwards (xlabel): a label node between two nodes
        # of one rank would contradict the pinned ranks.
        attrs.append(("xlabel" if pinned else "label", "\n".join(lines)))
    if edge.kind == FLOW:
        total = sum(n for _, n in edge.counts)
        attrs += [("penwidth", round(0.6 + min(2.4, math.log2(max(total, 1)) / 2), 2))]
        if diagram_level_context:
            attrs.append(("len", 2.2))
        if not edge.rules:
            attrs.append(("color", FAINT))
    if between and not edge.rules and edge.kind != FLOW:
        attrs.append(("color", FAINT))
    if edge.kind == QUERY:
        attrs.append(("arrowhead", "vee"))
    elif edge.kind == COMMAND:
        attrs.append(("arrowhead", "normal"))
    if edge.rules:
        attrs += [("color", RED), ("fontcolor", RED)]
        if edge.kind != FLOW:
            attrs.append(("penwidth", 2))
    return attrs


def _pinned_ranks(layout: Grid) -> list[str]:
    """An invisible spine of one point per rank, and each node held in its rank's group."""
    spine = [quote(f"rank {i}") for i in range(layout.depth)]
    lines = [
        f"  node {_attrs([('shape', 'point'), ('style', 'invis'), ('width', 0), ('label', '')])}"
    ]
    if len(spine) > 1:
        lines.append(f"  {' -> '.join(spine)} {_attrs([('style', 'invis')])}")
    else:
        lines.append(f"  {spine[0]}")
    groups: dict[int, list[NodeId]] = {}
    for node_id, rank in sorted(
        layout.ranks.items(), key=lambda item: (item[1], layout.order[item[0]])
    ):
        groups.setdefault(rank, []).append(node_id)
    for rank, ids in sorted(groups.items()):
        members = "; ".join([spine[rank]] + [quote(dot_id(str(i))) for i in ids])
        lines.append("  { rank=same; " + members + " }")
    return lines


def _is_pinned(diagram: Diagram) -> bool:
    """Large diagrams, and a big context with its neighbours around it, get their ranks
    from layout.grid: dot's own ranking of long event chains costs minutes at scale."""
    return (
        diagram.level != CONTEXT_LEVEL
        and bool(diagram.clusters)
        and (
            len(diagram.nodes) > LARGE
            or (len(diagram.nodes) > PIN_FOCUS and any(n.collapsed for n in diagram.nodes))
        )
    )


def _header(diagram: Diagram, legend: bool) -> list[str]:
    """The graph's name, its settings and legend, and the nodes' and edges' defaults."""
    settings = _graph_settings(diagram, len(diagram.nodes) > LARGE)
    if diagram.bundled:
        settings.append(("compound", "true"))
    if legend:
        text = CONTEXT_LEGEND if diagram.level == CONTEXT_LEVEL else LEGEND
        if any(e.kind == GRANTED for e in diagram.edges):
            text += "\ndashed red service → topic: a broker write grant no manifest declares"
        if diagram.omitted:
            text += "\n" + omitted_note(diagram)
        if diagram.level == CONTEXT_LEVEL and len(diagram.edges) > CURVED_EDGES:
            text += (
                "\nso many arrows that their counts are in their tooltips (hover them in "
                "the SVG) and their widths; focus with --context NAME to read them"
            )
        settings.append(("label", text))
    node_defaults = [("fontname", FONT), ("fontsize", 10), ("margin", "0.12,0.04")]
    edge_defaults = [
        ("fontname", FONT),
        ("fontsize", 8),
        ("color", INK),
        ("fontcolor", INK),
        ("arrowsize", 0.7),
    ]
    return [
        f"digraph {quote('archlint ' + diagram.title)} {{",
        f"  graph {_attrs(settings)}",
        f"  node {_attrs(node_defaults)}",
        f"  edge {_attrs(edge_defaults)}",
    ]


_CLUSTER_STYLE: list[tuple[str, object]] = [
    ("labelloc", "t"),
    ("labeljust", "l"),
    ("fontsize", 12),
    ("style", "rounded,filled"),
    ("fillcolor", "#f6f7f9"),
    ("color", "#9aa3ad"),
    ("margin", 12),
]


def _nodes(
    diagram: Diagram,
    nodes: Sequence[Node],
    links: Mapping[NodeId, str],
    written: Mapping[NodeId, str],
) -> list[str]:
    """Each cluster with its nodes, then the nodes outside every cluster, in `nodes` order.
    `written`: each node's quoted id."""

    centre = _centre(diagram)

    def line(node: Node, indent: str) -> str:
        attrs = _node_attrs(node, links.get(node.id))
        if node.id == centre:  # the focused service stands out
            attrs += [("fillcolor", "#ffe9a8"), ("color", "#8a6a00"), ("penwidth", 3)]
        return f"{indent}{written[node.id]} {_attrs(attrs)}"

    by_cluster: dict[str | None, list[Node]] = {}
    for node in nodes:
        by_cluster.setdefault(node.cluster, []).append(node)
    lines = []
    for cluster in diagram.clusters:
        members = by_cluster.get(cluster.name, [])
        if not members:
            continue
        label = quote_left([cluster.name] + ([cluster.detail] if cluster.detail else []))
        lines.append(f"  subgraph {quote(dot_id('cluster_' + cluster.name))} {{")
        lines.append(f"    graph [label={label}, {_attrs(_CLUSTER_STYLE)[1:]}")
        lines.extend(line(node, "    ") for node in members)
        lines.append("  }")
    clustered = {c.name for c in diagram.clusters}
    lines.extend(
        line(node, "  ") for node in nodes if node.cluster is None or node.cluster not in clustered
    )
    return lines


def _edges(diagram: Diagram, pinned: bool, written: Mapping[NodeId, str]) -> list[str]:
    """Every edge. A bundled edge joins two clusters: drawn between a node of each, clipped
    at the clusters' borders (compound=true, ltail/lhead). `written`: see _nodes."""
    cluster_of = {n.id: n.cluster for n in diagram.nodes}
    anchor: dict[NodeId, NodeId] = {}
    for node in diagram.nodes:
        if node.cluster is not None:
            anchor.setdefault(context_id(node.cluster), node.id)
    context_level = diagram.level == CONTEXT_LEVEL
    names = diagram.edge_labels
    if context_level:  # counts on every arrow, unless they are too many
        names = len(diagram.edges) <= CURVED_EDGES
    lines = []
    for edge in diagram.edges:
        source, target = edge.source, edge.target
        extra: list[tuple[str, object]] = []
        if source not in diagram.node and source in anchor:
            source = anchor[source]
            extra.append(("ltail", dot_id("cluster_" + edge.source.name)))
        if target not in diagram.node and target in anchor:
            target = anchor[target]
            extra.append(("lhead", dot_id("cluster_" + edge.target.name)))
        between = pinned and cluster_of.get(source) != cluster_of.get(target)
        attrs = _edge_attrs(edge, names, pinned, between, context_level) + extra
        tail = written.get(source) or quote(dot_id(str(source)))
        head = written.get(target) or quote(dot_id(str(target)))
        ends = f"  {tail} -> {head}"
        lines.append(ends + (f" {_attrs(attrs)}" if attrs else ""))
    return lines


def to_dot(diagram: Diagram, links: Mapping[NodeId, str] | None = None, legend: bool = True) -> str:
    """The diagram as DOT text. `links`: node id -> URL (the report links nodes to sections)."""
    pinned = _is_pinned(diagram)
    layout = grid(diagram) if pinned else None
    nodes: Sequence[Node] = diagram.nodes
    if layout is not None:  # written in the order worked out for them
        nodes = sorted(nodes, key=lambda n: (layout.ranks[n.id], layout.order[n.id]))
    written = {n.id: quote(dot_id(str(n.id))) for n in diagram.nodes}
    lines = _header(diagram, legend)
    lines += _nodes(diagram, nodes, links or {}, written)
    lines += _edges(diagram, pinned, written)
    if layout is not None:
        lines += _pinned_ranks(layout)
    lines.append("}")
    return "\n".join(lines) + "\n"
