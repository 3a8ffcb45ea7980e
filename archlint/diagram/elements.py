"""The diagram model: what a diagram shows, whatever it is written as (DOT, Mermaid, JSON).

Built by `archlint.diagram.build` from the estate and the lint findings; written by the
writers in this package. Everything is sorted, so every writer's output is deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

# Node kinds
SERVICE = "service"
TOPIC = "topic"
CONTEXT = "context"  # a context drawn as one node: on the context map, or a collapsed neighbour
UNDECLARED = "undeclared"  # a service that is called but that no manifest declares

# Edge kinds and how they are drawn (every writer follows this table)
PRODUCES = "produces"  # service -> topic, solid
CONSUMES = "consumes"  # topic -> service, solid
COMMAND = "command"  # service -> service (synchronous) or service -> topic, dashed
QUERY = "query"  # service -> service, dotted
FLOW = "flow"  # context -> context on the context map, aggregated, solid
EDGE_STYLE = {
    PRODUCES: "solid",
    CONSUMES: "solid",
    COMMAND: "dashed",
    QUERY: "dotted",
    FLOW: "solid",
}

SERVICE_LEVEL = "service"
CONTEXT_LEVEL = "context"
LEVELS = (SERVICE_LEVEL, CONTEXT_LEVEL)

# The order of an aggregated edge's counts, and their words (singular, plural)
COUNT_WORDS = {
    "events": ("event", "events"),
    "commands": ("command", "commands"),
    "queries": ("query", "queries"),
    "writes": ("foreign write", "foreign writes"),
}


@dataclass(frozen=True)
class Node:
    id: str  # unique and stable: "s:NAME" service, "t:NAME" topic, "c:NAME" context, "x:NAME" undeclared
    kind: str
    name: str
    cluster: str | None = None  # the context whose cluster holds it; None: outside every cluster
    is_global: bool = False  # a service declared `global`, or a context that holds one
    owner: str | None = None  # topics: the owning service; None: nobody owns it
    detail: str = ""  # a second line: counts on a context node, "no owner" on a topic...
    collapsed: bool = False  # a neighbour context standing for all its services and topics
    rules: tuple[str, ...] = ()  # codes of findings about the node itself: drawn in red


@dataclass(frozen=True)
class Edge:
    source: str  # node ids
    target: str
    kind: str
    names: tuple[str, ...] = ()  # events, command or query names, topics: the label
    rules: tuple[str, ...] = ()  # codes of the findings it violates: drawn in red, labelled
    counts: tuple[
        tuple[str, int], ...
    ] = ()  # aggregated edges: (what, how many), in COUNT_WORDS order

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.kind)


@dataclass(frozen=True)
class Cluster:
    name: str  # the bounded context
    detail: str = ""  # e.g. the context's owner


@dataclass(frozen=True)
class Diagram:
    level: str
    title: str
    clusters: tuple[Cluster, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    focus: tuple[
        tuple[str, str], ...
    ] = ()  # e.g. (("context", "orders"),) or (("service", "a"), ("hops", "2"))
    edge_labels: bool = True  # False: only rule codes and counts label edges (large diagrams)
    bundled: bool = False  # edges between clusters bundled: ends "c:NAME" may name clusters
    omitted: int = 0  # edges between clusters left out of a bundled diagram (too many to read)

    @cached_property
    def node(self) -> dict[str, Node]:
        """Nodes by id."""
        return {n.id: n for n in self.nodes}

    @cached_property
    def edges_of(self) -> dict[str, tuple[Edge, ...]]:
        """Node id -> the edges that start or end there, in diagram order."""
        found: dict[str, list[Edge]] = {}
        for e in self.edges:
            found.setdefault(e.source, []).append(e)
            if e.target != e.source:
                found.setdefault(e.target, []).append(e)
        return {k: tuple(v) for k, v in found.items()}


def escape_chars(text: str, special: Mapping[str, str], surrogate: str) -> str:
    """`text` with each character in `special` replaced by its spelling there; control
    characters become spaces and lone surrogates `surrogate`: neither DOT nor Mermaid can
    hold them (a surrogate cannot even be written as UTF-8)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in special:
            out.append(special[ch])
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(" ")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(surrogate)
        else:
            out.append(ch)
    return "".join(out)


def count_text(counts: tuple[tuple[str, int], ...]) -> str:
    """'3 events, 1 command' for an aggregated edge."""
    parts = []
    for what, n in counts:
        one, many = COUNT_WORDS[what]
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def edge_label_lines(edge: Edge, with_names: bool, max_names: int = 4) -> list[str]:
    """The lines of an edge's label, shared by every writer: rule codes first, then what
    flows (counts on aggregated edges, else up to `max_names` names)."""
    lines = []
    if edge.rules:
        lines.append(" ".join(edge.rules))
    if edge.counts:
        lines.append(count_text(edge.counts))
    elif with_names and edge.names:
        shown = list(edge.names[:max_names])
        if len(edge.names) > max_names:
            shown.append(f"+{len(edge.names) - max_names} more")
        lines.append(", ".join(shown))
    return lines


def node_label_lines(node: Node) -> list[str]:
    """The lines of a node's label, shared by every writer."""
    lines = []
    if node.is_global and node.kind == SERVICE:
        lines.append("«global»")
    lines.append(node.name)
    if node.detail:
        lines.append(node.detail)
    if node.rules:
        lines.append(" ".join(node.rules))
    return lines


def omitted_note(diagram: Diagram) -> str:
    return (
        f"{diagram.omitted} edges between contexts are not drawn, to keep each context "
        "readable: see them summed up with --level context, or one by one with --context NAME"
    )
