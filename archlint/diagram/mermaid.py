"""Write a diagram as a Mermaid flowchart, which GitHub and GitLab render in Markdown.

Node and subgraph ids are generated (`s0`, `t3`, `c1`...), so no name can clash with
Mermaid's keywords (`end`, `graph`...) or its syntax; names appear only in quoted labels,
escaped by `label`.
"""

from __future__ import annotations

from collections.abc import Mapping

from archlint.diagram.elements import (
    COMMAND,
    CONTEXT,
    CONTEXT_LEVEL,
    GRANTED,
    ID_PREFIX,
    QUERY,
    SERVICE,
    TONES,
    TOPIC,
    UNDECLARED,
    Diagram,
    Node,
    NodeId,
)
from archlint.diagram.labels import edge_label_lines, escape_chars, node_label_lines, omitted_note

RED = "#c0161d"

# Characters written as Mermaid entity codes (`#quot;`, `#35;`...) inside a quoted label:
# the quote ends the string, `#` starts an entity code, `<`, `>` and `&` are markup in
# Mermaid's HTML labels, and the brackets, braces, pipes and backticks are shape and
# edge-label syntax in some Mermaid versions. Everything else stays as written.
_ENTITY = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "\\": "#92;",
    "{": "#123;",
    "}": "#125;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "|": "#124;",
    "`": "#96;",
    ";": "#59;",
    "%": "#37;",
}

_SPECIAL = {**_ENTITY, "\n": "<br>"}

# GitHub's Mermaid stops drawing a flowchart past 500 edges (its maxEdges).
MAX_EDGES = 500


def escape(text: str) -> str:
    """Text for inside a quoted Mermaid label: shows `text` as written, line breaks too."""
    return escape_chars(text, _SPECIAL, "#65533;")


def label(lines: list[str]) -> str:
    """A quoted Mermaid label of several lines."""
    return '"' + "<br>".join(escape(line) for line in lines) + '"'


def _shape(node: Node, text: str) -> str:
    if node.kind == TOPIC:
        return f">{text}]"  # Mermaid's asymmetric flag, like Graphviz's cds for a topic
    if node.kind == CONTEXT:
        return f"[{text}]" if node.collapsed else f"({text})"
    if node.kind == UNDECLARED:
        return f"({text})"
    return f"({text})"  # a service: rounded box


def _class(node: Node) -> str | None:
    if node.tone:
        return node.tone
    if node.rules:
        return "violation"
    if node.kind == SERVICE and node.is_global:
        return "global"
    if node.kind == TOPIC:
        return "topic" if node.owner is not None and node.cluster is not None else "unowned"
    if node.kind == CONTEXT:
        return "neighbour" if node.collapsed else "context"
    if node.kind == UNDECLARED:
        return "undeclared"
    return "service"


_CLASSES = [
    "  classDef service fill:#dde9f8,stroke:#3566a8,color:#111",
    "  classDef global fill:#e3f2e1,stroke:#2f6b2f,stroke-width:3px,color:#111",
    "  classDef topic fill:#fdf3d7,stroke:#a07a16,color:#111",
    "  classDef unowned fill:#fde2d6,stroke:#c1502e,stroke-dasharray:5 3,color:#111",
    "  classDef undeclared fill:#fff,stroke:#888,stroke-dasharray:5 3,color:#666",
    "  classDef context fill:#dde9f8,stroke:#3566a8,color:#111",
    "  classDef neighbour fill:#ececec,stroke:#666,color:#111",
    f"  classDef violation fill:#fde2d6,stroke:{RED},stroke-width:2px,color:{RED}",
]


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a Mermaid `flowchart LR`."""
    ids: dict[NodeId, str] = {}
    counters: dict[str, int] = {}
    for node in diagram.nodes:
        prefix = ID_PREFIX[node.kind]  # the letter of its kind, as in its own id
        ids[node.id] = f"{prefix}{counters.get(prefix, 0)}"
        counters[prefix] = counters.get(prefix, 0) + 1
    cluster_ids = {c.name: f"g{i}" for i, c in enumerate(diagram.clusters)}
    out = [f"%% archlint: {escape(diagram.title)}", "flowchart LR", *_CLASSES]
    tones = sorted({n.tone for n in diagram.nodes if n.tone})
    out += [
        f"  classDef {t} fill:{TONES[t][0]},stroke:{TONES[t][1]},stroke-width:2px,color:#111"
        for t in tones
    ]
    by_cluster: dict[str | None, list[Node]] = {}
    for node in diagram.nodes:
        home = node.cluster if node.cluster in cluster_ids else None
        by_cluster.setdefault(home, []).append(node)

    def node_line(node: Node, indent: str) -> str:
        text = label(node_label_lines(node))
        return f"{indent}{ids[node.id]}{_shape(node, text)}:::{_class(node)}"

    for cluster in diagram.clusters:
        members = by_cluster.get(cluster.name, [])
        if not members and not diagram.bundled:
            continue
        title = [cluster.name] + ([cluster.detail] if cluster.detail else [])
        out.append(f"  subgraph {cluster_ids[cluster.name]}[{label(title)}]")
        out.extend(node_line(n, "    ") for n in members)
        out.append("  end")
    out.extend(node_line(n, "  ") for n in by_cluster.get(None, []))
    out += _edges(diagram, ids, cluster_ids)
    if diagram.omitted:
        out.append(f"  %% {escape(omitted_note(diagram))}")
    if diagram.level == CONTEXT_LEVEL:
        out.append("  %% one node per bounded context; edges count what flows between them")
    return "\n".join(out) + "\n"


def _edges(
    diagram: Diagram, ids: Mapping[NodeId, str], cluster_ids: Mapping[str, str]
) -> list[str]:
    """Every edge (an end that is not a node names a cluster), then their styles."""
    out = []
    styled: dict[str, list[int]] = {}  # link style -> edge indexes, in order
    for i, edge in enumerate(diagram.edges):
        source = ids.get(edge.source) or cluster_ids.get(edge.source.name)
        target = ids.get(edge.target) or cluster_ids.get(edge.target.name)
        arrow = "-.->" if edge.kind == QUERY else "-->"
        lines = edge_label_lines(edge, diagram.edge_labels)
        text = f"|{label(lines)}|" if lines else ""
        out.append(f"  {source} {arrow}{text} {target}")
        # Mermaid draws queries dotted (-.->); commands and write grants no manifest
        # declares get a dash pattern of their own.
        parts = []
        if edge.rules:
            parts.append(f"stroke:{RED},color:{RED},stroke-width:2px")
        if edge.kind in (COMMAND, GRANTED):
            parts.append("stroke-dasharray:8 4")
        if parts:
            styled.setdefault(",".join(parts), []).append(i)
    for style, indexes in sorted(styled.items(), key=lambda item: item[1][0]):
        out.append(f"  linkStyle {','.join(map(str, indexes))} {style}")
    return out
