"""Write a diagram as JSON: its clusters, nodes and edges, for other tools to draw."""

from __future__ import annotations

from typing import Any

from archlint.diagram.elements import Diagram, context_id
from archlint.formats import json_text

VERSION = 1


def to_data(diagram: Diagram) -> dict[str, Any]:
    """The diagram as plain data. Edge ends are node ids; in a bundled diagram an end
    `c:NAME` that is not a node names the cluster of context NAME."""
    data: dict[str, Any] = {
        "version": VERSION,
        "level": diagram.level,
        "title": diagram.title,
        "focus": dict(diagram.focus),
        "clusters": [
            {"id": str(context_id(c.name)), "name": c.name, "detail": c.detail}
            for c in diagram.clusters
        ],
        "nodes": [
            {
                "id": str(n.id),
                "kind": n.kind,
                "name": n.name,
                "cluster": n.cluster,
                "global": n.is_global,
                "owner": n.owner,
                "detail": n.detail,
                "collapsed": n.collapsed,
                "rules": list(n.rules),
            }
            for n in diagram.nodes
        ],
        "edges": [
            {
                "source": str(e.source),
                "target": str(e.target),
                "kind": e.kind,
                "names": list(e.names),
                "rules": list(e.rules),
                "counts": dict(e.counts),
            }
            for e in diagram.edges
        ],
    }
    if diagram.bundled:
        data["omitted"] = diagram.omitted
    return data


def to_json(diagram: Diagram) -> str:
    return json_text.dumps(to_data(diagram)) + "\n"
