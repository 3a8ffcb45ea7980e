"""Diagrams the report's script lays out and draws when they are opened, for estates too
large to draw every context with Graphviz in the report's time and size: the same focused
diagram (archlint.diagram.focus), written as compact JSON. Pure.

A drawing is {"title", "cluster", "nodes": [[kind, name, detail, flags, link]], "edges":
[[source, target, kind, label, red]]}: kinds by their first letter (s service, t topic,
c context, x undeclared; p produces, c consumes, m command, q query, f flow, g granted),
flags a sum of GLOBAL, COLLAPSED and RED, link the anchor a click goes to ("" for none),
an edge's ends indexes into nodes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from archlint.diagram.elements import COMMAND, Diagram, NodeId
from archlint.diagram.labels import edge_label_lines

GLOBAL, COLLAPSED, RED = 1, 2, 4
_NODE_KIND = {"service": "s", "topic": "t", "context": "c", "undeclared": "x"}
_EDGE_KIND = {"produces": "p", "consumes": "c", COMMAND: "m", "query": "q", "flow": "f"}


def drawing(diagram: Diagram, links: Mapping[NodeId, str]) -> dict[str, Any]:
    """The JSON value of a diagram for the report's script to draw."""
    index = {n.id: i for i, n in enumerate(diagram.nodes)}
    nodes = [
        [
            _NODE_KIND[n.kind],
            n.name,
            " ".join([n.detail, *n.rules]).strip(),
            (GLOBAL if n.is_global else 0)
            + (COLLAPSED if n.collapsed else 0)
            + (RED if n.rules else 0),
            links.get(n.id, ""),
        ]
        for n in diagram.nodes
    ]
    edges = [
        [
            index[e.source],
            index[e.target],
            _EDGE_KIND.get(e.kind, "g"),
            " · ".join(edge_label_lines(e, with_names=True, max_names=2)),
            1 if e.rules else 0,
        ]
        for e in diagram.edges
        if e.source in index and e.target in index
    ]
    cluster = diagram.clusters[0].name if len(diagram.clusters) == 1 else None
    return {"title": diagram.title, "cluster": cluster, "nodes": nodes, "edges": edges}


def script_json(value: object) -> Markup:
    """JSON to sit inside a <script type="application/json">: nothing in it can close the
    element or start a comment (`<`, `>` and `&` as \\u escapes, as are U+2028/U+2029)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
