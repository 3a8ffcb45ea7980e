"""Which rule codes a diagram draws on which edge and node: what each finding points at
(archlint.findings.pointed_at, one rule for every code), placed on the diagram.

An edge carries the codes of the findings that point at an interaction it draws; a node
those that point at its topic or service, and those that point only at interactions no
edge draws (a view's source topics: the service that builds the view). Only the findings
given are drawn, so a suppressed or disabled rule draws nothing red.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from archlint import interactions as ix
from archlint.diagram.elements import (
    COMMAND,
    CONSUMES,
    PRODUCES,
    QUERY,
    EdgeKey,
    NodeId,
    service_id,
    topic_id,
    undeclared_id,
)
from archlint.findings import Finding, pointed_at

K = TypeVar("K")


def call_target(i: ix.Interaction) -> NodeId:
    """The node a synchronous call goes to: its service, or an undeclared one."""
    return service_id(i.target) if i.target_service is not None else undeclared_id(i.target)


def edge_key(i: ix.Interaction) -> EdgeKey | None:
    """The service-level edge that draws an interaction; None for a view's source, which
    no edge draws."""
    me = service_id(i.service.name)
    if i.kind == ix.PRODUCES:
        return (me, topic_id(i.target), PRODUCES)
    if i.kind == ix.CONSUMES:
        return (topic_id(i.target), me, CONSUMES)
    if i.kind == ix.TOPIC_COMMAND:  # drawn as a command to the topic's node
        return (me, topic_id(i.target), COMMAND)
    if i.kind == ix.COMMAND:
        return (me, call_target(i), COMMAND)
    if i.kind == ix.QUERY:
        return (me, call_target(i), QUERY)
    return None


@dataclass(frozen=True)
class Marks:
    """Rule codes, sorted, by edge key and by node id."""

    edges: Mapping[EdgeKey, tuple[str, ...]]
    nodes: Mapping[NodeId, tuple[str, ...]]

    def of_edge(self, key: EdgeKey | None) -> tuple[str, ...]:
        return self.edges.get(key, ()) if key is not None else ()

    def of_node(self, node: NodeId) -> tuple[str, ...]:
        return self.nodes.get(node, ())


def marks_of(findings: Iterable[Finding], interactions: ix.Interactions) -> Marks:
    """Where each finding is drawn, from what it points at."""
    edges: dict[EdgeKey, set[str]] = {}
    nodes: dict[NodeId, set[str]] = {}
    known = interactions.estate.service
    for f in findings:
        pointers = pointed_at(f, interactions)
        for i in pointers.interactions:
            key = edge_key(i)
            if key is not None:
                edges.setdefault(key, set()).add(f.code)
            else:
                nodes.setdefault(service_id(i.service.name), set()).add(f.code)
        for topic in pointers.topics:
            nodes.setdefault(topic_id(topic), set()).add(f.code)
        for name in pointers.services:
            node = service_id(name) if name in known else undeclared_id(name)
            nodes.setdefault(node, set()).add(f.code)
    return Marks(_sorted(edges), _sorted(nodes))


def _sorted(found: Mapping[K, set[str]]) -> dict[K, tuple[str, ...]]:
    return {k: tuple(sorted(v)) for k, v in found.items()}
