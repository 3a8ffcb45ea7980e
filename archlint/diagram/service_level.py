"""The service-level diagram: every service in its context's cluster, every topic in its
owner's context (unowned topics outside every cluster), and every event, command and query
between them, drawn from the estate's interactions. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from archlint.diagram.contexts import clusters_of
from archlint.diagram.elements import (
    GRANTED,
    SERVICE,
    SERVICE_LEVEL,
    Diagram,
    Edge,
    EdgeKey,
    Node,
    NodeId,
    service_id,
    topic_id,
    undeclared_id,
)
from archlint.diagram.marks import Marks, edge_key, marks_of
from archlint.findings import Finding
from archlint.interactions import Interactions

# Past this many services a service-level diagram labels its edges with rule codes only.
EDGE_LABEL_LIMIT = 60
EDGE_LABEL_EDGES = 120  # ... or past this many edges


def service_diagram(
    interactions: Interactions,
    findings: Sequence[Finding] = (),
    edge_labels: bool | None = None,
) -> Diagram:
    """Every service, topic and interaction; red where the findings point.

    `edge_labels`: name what flows on each edge; None decides by size."""
    marks = marks_of(findings, interactions)
    nodes = _nodes(interactions, marks)
    flows: dict[EdgeKey, set[str]] = {}  # one edge per key: what flows on it
    for i in interactions.all:
        key = edge_key(i)
        if key is not None:
            flows.setdefault(key, set()).update(i.names)
    edges = [
        Edge(*key, names=tuple(sorted(names)), rules=marks.of_edge(key))
        for key, names in sorted(flows.items())
    ]
    edges += _granted(findings, {n.id for n in nodes})
    clusters = clusters_of(interactions.estate, {n.cluster for n in nodes if n.cluster})
    diagram = Diagram(
        SERVICE_LEVEL, "services", clusters, tuple(sorted(nodes, key=node_key)), tuple(edges)
    )
    labels = few_enough(diagram) if edge_labels is None else edge_labels
    return replace(diagram, edge_labels=labels)


def _nodes(interactions: Interactions, marks: Marks) -> list[Node]:
    """A node per service and per topic, and one per undeclared service that is called."""
    estate = interactions.estate
    nodes = [
        Node(
            service_id(s.name),
            cluster=s.context,
            is_global=s.is_global,
            rules=marks.of_node(service_id(s.name)),
        )
        for s in estate.services
    ]
    for name, facts in interactions.topics.items():
        owner = facts.owner
        if owner is None:
            cluster, detail = None, "no owner"
        elif owner in estate.service:
            cluster, detail = estate.service[owner].context, ""
        else:
            cluster, detail = None, f"owner {owner} undeclared"
        node = topic_id(name)
        nodes.append(
            Node(node, cluster=cluster, owner=owner, detail=detail, rules=marks.of_node(node))
        )
    undeclared = sorted({i.target for i in interactions.calls if i.target_service is None})
    for name in undeclared:
        node = undeclared_id(name)
        nodes.append(Node(node, detail="undeclared", rules=marks.of_node(node)))
    return nodes


# The broker rules whose findings are a service the broker lets write a topic it does not.
GRANTED_WRITES = ("BR001", "BR003")


def _granted(findings: Sequence[Finding], nodes: set[NodeId]) -> list[Edge]:
    """A dashed red edge per granted-but-undeclared writer (BR001, BR003): service -> topic."""
    codes: dict[EdgeKey, set[str]] = {}
    for f in findings:
        service, topic = f.entities.get("service"), f.entities.get("topic")
        if f.code in GRANTED_WRITES and isinstance(service, str) and isinstance(topic, str):
            key: EdgeKey = (service_id(service), topic_id(topic), GRANTED)
            if key[0] in nodes and key[1] in nodes:
                codes.setdefault(key, set()).add(f.code)
    return [Edge(*key, names=(), rules=tuple(sorted(c))) for key, c in sorted(codes.items())]


def merge_edges(edges: Iterable[Edge]) -> list[Edge]:
    """One edge per (source, target, kind), sorted: names and rules united, sorted."""
    merged: dict[EdgeKey, tuple[set[str], set[str]]] = {}
    for e in edges:
        names, rules = merged.setdefault(e.key, (set(), set()))
        names.update(e.names)
        rules.update(e.rules)
    return [
        Edge(s, t, k, tuple(sorted(n)), tuple(sorted(r)))
        for (s, t, k), (n, r) in sorted(merged.items())
    ]


def few_enough(diagram: Diagram) -> bool:
    """Whether a diagram is small enough to name what flows on each edge."""
    services = sum(1 for n in diagram.nodes if n.kind == SERVICE)
    return services <= EDGE_LABEL_LIMIT and len(diagram.edges) <= EDGE_LABEL_EDGES


def node_key(n: Node) -> tuple[str, NodeId]:
    """The order of a diagram's nodes: by cluster (none first), then by id."""
    return (n.cluster or "", n.id)
