"""The diagram of an impact (`archlint impact NAME --format dot|svg|mermaid`): the subject,
the services that fail with it in one colour, those that run late in another, and the path
to each: the synchronous calls up to the subject, the topics and consumers down from it.
Pure."""

from __future__ import annotations

import itertools

from archlint.diagram.contexts import clusters_of
from archlint.diagram.elements import (
    CONSUMES,
    PRODUCES,
    SERVICE_LEVEL,
    Diagram,
    Edge,
    EdgeKey,
    EdgeKind,
    Node,
    NodeId,
    service_id,
    topic_id,
)
from archlint.diagram.service_level import node_key
from archlint.impact import SERVICE, Impact
from archlint.interactions import Interactions


def impact_diagram(impact: Impact, interactions: Interactions) -> Diagram:
    """The subject, `fails` and `delayed` with their paths, services in their contexts."""
    estate = interactions.estate
    tones: dict[NodeId, str] = {}
    flows: dict[EdgeKey, set[str]] = {}
    for reached in impact.fails:
        tones[service_id(reached.service)] = "fails"
        for caller, callee in itertools.pairwise(reached.path):
            for call in interactions.between(caller, callee):
                if call.synchronous:
                    kind: EdgeKind = "query" if call.kind == "query" else "command"
                    key = (service_id(caller), service_id(callee), kind)
                    flows.setdefault(key, set()).add(call.name)
    for reached in impact.delayed:
        tones[service_id(reached.service)] = "delayed"
        first = 0 if impact.kind == SERVICE else 1  # a topic's paths start at the topic
        steps = [
            service_id(n) if (i + first) % 2 == 0 else topic_id(n)
            for i, n in enumerate(reached.path)
        ]
        for a, b in itertools.pairwise(steps):
            flows.setdefault((a, b, PRODUCES if b.kind == "topic" else CONSUMES), set())
    subject = service_id(impact.name) if impact.kind == SERVICE else topic_id(impact.name)
    tones[subject] = "subject"
    drawn = set(tones) | {end for key in flows for end in key[:2]}
    nodes = [_node(n, tones.get(n, ""), interactions) for n in drawn]
    clusters = clusters_of(estate, {n.cluster for n in nodes if n.cluster})
    edges = tuple(Edge(*key, names=tuple(sorted(names))) for key, names in sorted(flows.items()))
    title = f"impact of {impact.kind} {impact.name}"
    return Diagram(SERVICE_LEVEL, title, clusters, tuple(sorted(nodes, key=node_key)), edges)


def _node(node: NodeId, tone: str, interactions: Interactions) -> Node:
    estate = interactions.estate
    if node.kind == "service":
        s = estate.service[node.name]
        return Node(node, cluster=s.context, is_global=s.is_global, tone=tone)
    owner = interactions.owner_of(node.name)
    declared = estate.service.get(owner or "")
    cluster = declared.context if declared is not None else None
    return Node(node, cluster=cluster, owner=owner, detail="" if owner else "no owner", tone=tone)
