"""The estate as one dependency graph (networkx), built once and shared by every check.

Nodes are `("service", name)` and `("topic", name)` (a service and a topic may share a
name). Edges carry `kind`:

- `produces`: service -> topic (an event write)
- `consumes`: topic -> service (a subscription)
- `command`:  service -> service (synchronous, `to:`) or service -> topic (asynchronous)
- `query`:    service -> service (always synchronous)

Every edge also carries `name` (the command or query name, or the events for event edges)
and `location`. `sync` is the directed graph of synchronous calls between known services,
the one the availability and coupling checks walk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import networkx as nx

from archlint.model import Estate

SERVICE = "service"
TOPIC = "topic"


def service_node(name: str) -> tuple[str, str]:
    return (SERVICE, name)


def topic_node(name: str) -> tuple[str, str]:
    return (TOPIC, name)


@dataclass(frozen=True)
class EstateGraph:
    """The estate's graphs, each built on first use: a lint that runs no synchronous-call
    check never pays for them."""

    estate: Estate

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Every service and topic, and every interaction between them."""
        return _full_graph(self.estate)

    @cached_property
    def sync(self) -> nx.DiGraph:
        """Services, and their synchronous calls to known services."""
        sync = nx.DiGraph()
        known = self.estate.service
        sync.add_nodes_from(s.name for s in self.estate.services)
        sync.add_edges_from(
            (s.name, c.to)
            for s in self.estate.services
            for c in s.calls
            if c.to is not None and c.to in known
        )
        return sync

    @cached_property
    def sync_components(self) -> list[frozenset[str]]:
        """Strongly connected sets of the synchronous call graph, in a stable order."""
        comps = [frozenset(c) for c in nx.strongly_connected_components(self.sync)]
        return sorted(comps, key=lambda c: min(c))

    @cached_property
    def sync_condensation(self) -> nx.DiGraph:
        """The synchronous call graph with each cycle collapsed to one node.

        Node ids are indexes into `sync_components`; each node has `members`.
        """
        comps = self.sync_components
        return nx.condensation(self.sync, scc=comps)

    @cached_property
    def sync_component_of(self) -> Mapping[str, int]:
        """Service -> the index of its strongly connected set in `sync_components`."""
        return MappingProxyType(self.sync_condensation.graph["mapping"])

    @cached_property
    def sync_topological_order(self) -> tuple[int, ...]:
        """The condensation's nodes, each before every node it calls (O(V + E))."""
        return tuple(nx.topological_sort(self.sync_condensation))


def build_graph(estate: Estate) -> EstateGraph:
    return EstateGraph(estate)


def _full_graph(estate: Estate) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    known = estate.service
    g.add_nodes_from(
        (
            service_node(s.name),
            {"kind": SERVICE, "name": s.name, "context": s.context, "is_global": s.is_global},
        )
        for s in estate.services
    )
    g.add_nodes_from(
        (topic_node(t), {"kind": TOPIC, "name": t, "owner": estate.owner_of(t)})
        for t in estate.topic_names
    )
    edges = []
    for s in estate.services:
        me = service_node(s.name)
        for p in s.produces:
            edges.append(
                (
                    me,
                    topic_node(p.topic),
                    {"kind": "produces", "name": p.event_names, "location": p.location},
                )
            )
        for c in s.consumes:
            edges.append(
                (
                    topic_node(c.topic),
                    me,
                    {"kind": "consumes", "name": c.event_names, "location": c.location},
                )
            )
        for call in s.calls:
            if call.topic is not None:
                target = topic_node(call.topic)
            elif call.to in known:
                target = service_node(call.to)
            else:
                continue  # an unknown service is RF001's finding, not a node
            edges.append(
                (me, target, {"kind": call.kind, "name": call.name, "location": call.location})
            )
    g.add_edges_from(edges)
    return g
