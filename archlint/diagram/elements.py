"""What a diagram is made of, whatever it is written as (DOT, Mermaid, JSON): clusters,
nodes and edges, and how each kind of edge is drawn.

Built by the builders of this package from the estate's interactions and the lint
findings; written by its writers. Everything is sorted, so every writer's output is
deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal, NamedTuple

# Node kinds
SERVICE: Final = "service"
TOPIC: Final = "topic"
CONTEXT: Final = (
    "context"  # a context drawn as one node: on the context map, or a collapsed neighbour
)
UNDECLARED: Final = "undeclared"  # a service that is called but that no manifest declares
NodeKind = Literal["service", "topic", "context", "undeclared"]

# Edge kinds and how they are drawn (every writer follows this table)
PRODUCES: Final = "produces"  # service -> topic, solid
CONSUMES: Final = "consumes"  # topic -> service, solid
COMMAND: Final = "command"  # service -> service (synchronous) or service -> topic, dashed
QUERY: Final = "query"  # service -> service, dotted
FLOW: Final = "flow"  # context -> context on the context map, aggregated, solid
GRANTED: Final = "granted"  # service -> topic: a broker write grant no manifest declares, dashed
EdgeKind = Literal["produces", "consumes", "command", "query", "flow", "granted"]
EDGE_STYLE: dict[str, str] = {
    PRODUCES: "solid",
    CONSUMES: "solid",
    COMMAND: "dashed",
    QUERY: "dotted",
    FLOW: "solid",
    GRANTED: "dashed",
}

# An impact diagram's roles, each drawn in its colours (fill, line) by every writer.
TONES: dict[str, tuple[str, str]] = {
    "subject": ("#e6d6f3", "#5b2c83"),  # the service or topic that goes down
    "fails": ("#f9d2ce", "#b3261e"),  # reaches it through synchronous calls: fails with it
    "delayed": ("#fff1c1", "#8a6a00"),  # downstream of its events: runs late
}

SERVICE_LEVEL = "service"
CONTEXT_LEVEL = "context"
LEVELS = (SERVICE_LEVEL, CONTEXT_LEVEL)

# The order of an aggregated edge's counts, and their words (singular, plural)
COUNT_WORDS: dict[str, tuple[str, str]] = {
    "events": ("event", "events"),
    "commands": ("command", "commands"),
    "queries": ("query", "queries"),
    "writes": ("foreign write", "foreign writes"),
}

# The one-letter prefix of each kind's written id. The letters sort as the kinds' names
# do, so NodeIds sort exactly as the strings they are written as.
ID_PREFIX: dict[str, str] = {CONTEXT: "c", SERVICE: "s", TOPIC: "t", UNDECLARED: "x"}


class NodeId(NamedTuple):
    """A node's identity: its kind and its name (a service and a topic may share a name).

    `str()` is the id the writers write: "s:NAME" a service, "t:NAME" a topic, "c:NAME" a
    context, "x:NAME" an undeclared service. In a bundled diagram an edge end
    `NodeId(CONTEXT, NAME)` that is not a node names the cluster of context NAME.
    """

    kind: NodeKind
    name: str

    def __str__(self) -> str:
        return f"{ID_PREFIX[self.kind]}:{self.name}"


def service_id(name: str) -> NodeId:
    return NodeId(SERVICE, name)


def topic_id(name: str) -> NodeId:
    return NodeId(TOPIC, name)


def context_id(name: str) -> NodeId:
    return NodeId(CONTEXT, name)


def undeclared_id(name: str) -> NodeId:
    return NodeId(UNDECLARED, name)


EdgeKey = tuple[NodeId, NodeId, EdgeKind]  # (source, target, kind): one edge of a diagram


@dataclass(frozen=True)
class Node:
    id: NodeId  # unique and stable
    cluster: str | None = None  # the context whose cluster holds it; None: outside every cluster
    is_global: bool = False  # a service declared `global`, or a context that holds one
    owner: str | None = None  # topics: the owning service; None: nobody owns it
    detail: str = ""  # a second line: counts on a context node, "no owner" on a topic...
    collapsed: bool = False  # a neighbour context standing for all its services and topics
    rules: tuple[str, ...] = ()  # codes of findings about the node itself: drawn in red
    tone: str = ""  # an impact diagram's role: one of TONES (the subject, fails, delayed)

    @property
    def kind(self) -> NodeKind:
        return self.id.kind

    @property
    def name(self) -> str:
        return self.id.name


@dataclass(frozen=True)
class Edge:
    source: NodeId
    target: NodeId
    kind: EdgeKind
    names: tuple[str, ...] = ()  # events, command or query names, topics: the label
    rules: tuple[str, ...] = ()  # codes of the findings it violates: drawn in red, labelled
    counts: tuple[
        tuple[str, int], ...
    ] = ()  # aggregated edges: (what, how many), COUNT_WORDS order

    @property
    def key(self) -> EdgeKey:
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
    ] = ()  # (("context", "orders"),), (("service", "a"), ("hops", "2"))
    edge_labels: bool = True  # False: only rule codes and counts label edges (large diagrams)
    bundled: bool = False  # edges between clusters bundled: an end may name a cluster
    omitted: int = 0  # edges between clusters left out of a bundled diagram (too many to read)

    @cached_property
    def node(self) -> dict[NodeId, Node]:
        """Nodes by id."""
        return {n.id: n for n in self.nodes}

    @cached_property
    def edges_of(self) -> dict[NodeId, tuple[Edge, ...]]:
        """Node id -> the edges that start or end there, in diagram order."""
        found: dict[NodeId, list[Edge]] = {}
        for e in self.edges:
            found.setdefault(e.source, []).append(e)
            if e.target != e.source:
                found.setdefault(e.target, []).append(e)
        return {k: tuple(v) for k, v in found.items()}
