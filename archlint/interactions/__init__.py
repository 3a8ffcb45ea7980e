"""Every interaction of the estate, derived once: the index that checks, custom rules,
diagrams and the report read.

An interaction is one entry of a service's manifest that ties it to a topic or to another
service: it `produces` events on a topic, `consumes` them, sends a command to a service
(synchronous) or to a topic (asynchronous, a request to the topic's owner), makes a query,
or builds a view from a topic. Per topic the index keeps its owners, writers, listed
writers, readers and command senders; across services, the synchronous call graph and its
condensation, built on first use.

Pure: a function of the estate. Everything keeps the estate's order (services by name,
entries in manifest order), so whatever reads it stays deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from archlint.broker.index import BrokerIndex
from archlint.interactions.derive import declared_owners, derive, group, topic_facts
from archlint.interactions.entries import (
    COMMAND,
    CONSUMES,
    PRODUCES,
    QUERY,
    SYNCHRONOUS,
    TOPIC_COMMAND,
    TOPIC_KINDS,
    VIEW_SOURCE,
    Interaction,
    Kind,
    TopicFacts,
)
from archlint.model import Estate, Location
from archlint.sync_calls import Reach, SyncCalls, mask_of, reach_closure

if TYPE_CHECKING:  # networkx is imported on first use, by sync_graph and sync_condensation
    import networkx as nx

__all__ = [
    "COMMAND", "CONSUMES", "PRODUCES", "QUERY", "SYNCHRONOUS", "TOPIC_COMMAND", "TOPIC_KINDS",
    "VIEW_SOURCE", "Interaction", "Interactions", "Kind", "TopicFacts",
]  # fmt: skip


class Interactions:
    """The index of one estate's interactions. Build it once per run: `Interactions(estate)`."""

    def __init__(
        self,
        estate: Estate,
        services: Iterable[str] | None = None,
        topics: Iterable[str] = (),
        calls_only: bool = False,
    ) -> None:
        """The index of the estate. For a check again after a few documents changed
        (archlint.recheck), of part of it: with `services` (names), their interactions
        alone, and the facts of the topics they name and of `topics` (whole only where every
        service naming the topic is among them); `calls_only`, the synchronous calls alone."""
        self.estate = estate
        owners = {} if calls_only else declared_owners(estate)  # what topics need alone
        part = None if services is None else [estate.service[n] for n in sorted(set(services))]
        derived = estate.services if part is None else part
        self.all: tuple[Interaction, ...] = tuple(derive(estate, owners, derived, calls_only))
        # every service of the estate (of a part: () for those outside it)
        self.by_service: Mapping[str, tuple[Interaction, ...]] = group(
            self.all, lambda i: i.service.name, (s.name for s in estate.services)
        )
        named = None if part is None and not calls_only else set(topics)
        self.topics: Mapping[str, TopicFacts] = topic_facts(estate, self.all, owners, named)
        self.calls: tuple[Interaction, ...] = tuple(i for i in self.all if i.synchronous)

    @cached_property
    def broker(self) -> BrokerIndex | None:
        """What the broker allows, where the estate has broker configuration."""
        broker = self.estate.broker
        return None if broker is None else BrokerIndex(broker, self.estate.service)

    # -- lookups ------------------------------------------------------------------------------

    def topic(self, name: str) -> TopicFacts | None:
        return self.topics.get(name)

    def owner_of(self, topic: str) -> str | None:
        facts = self.topics.get(topic)
        return facts.owner if facts is not None else None

    def context_of_topic(self, topic: str) -> str | None:
        """The context of the topic's owner, where a manifest declares that owner."""
        owner = self.estate.service.get(self.owner_of(topic) or "")
        return owner.context if owner is not None else None

    @cached_property
    def called_by(self) -> Mapping[str, tuple[Interaction, ...]]:
        """Service name (declared or not) -> the synchronous calls to it, in estate order."""
        return group(self.calls, lambda i: i.target)

    @cached_property
    def _at(self) -> Mapping[Location, tuple[Interaction, ...]]:
        found: dict[Location, list[Interaction]] = {}
        for i in self.all:
            found.setdefault(i.location, []).append(i)
            for event in i.events or ():
                found.setdefault(event.location, []).append(i)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def at(self, location: Location | None) -> tuple[Interaction, ...]:
        """The interactions declared at `location`: at their entry, or at one of their events."""
        return self._at.get(location, ()) if location is not None else ()

    def between(self, service: str, target: str) -> tuple[Interaction, ...]:
        """The interactions of `service` with `target` (a topic or a service), in manifest order."""
        return tuple(i for i in self.by_service.get(service, ()) if i.target == target)

    # -- the synchronous call graph -------------------------------------------------------

    @cached_property
    def sync_graph(self) -> nx.DiGraph[str]:
        """Every service, and an edge per pair of services joined by a synchronous call to a
        declared service (calls to undeclared ones are RF001's business)."""
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from(s.name for s in self.estate.services)
        graph.add_edges_from(
            (i.service.name, i.target) for i in self.calls if i.target_service is not None
        )
        return graph

    @cached_property
    def sync_calls(self) -> SyncCalls:
        """The same graph in plain dicts: what the SY rules read (no networkx import)."""
        return SyncCalls(
            (s.name for s in self.estate.services),
            ((i.service.name, i.target) for i in self.calls if i.target_service is not None),
        )

    @property
    def sync_components(self) -> tuple[frozenset[str], ...]:
        """Strongly connected sets of the synchronous call graph, by their smallest name."""
        return self.sync_calls.components

    @cached_property
    def sync_condensation(self) -> nx.DiGraph[int]:
        """The synchronous call graph with each cycle collapsed to one node: node i is
        `sync_components[i]`."""
        import networkx as nx

        return nx.condensation(self.sync_graph, scc=list(self.sync_components))

    @property
    def sync_component_of(self) -> Mapping[str, int]:
        """Service -> the index of its strongly connected set in `sync_components`."""
        return self.sync_calls.component_of

    @property
    def sync_topological_order(self) -> tuple[int, ...]:
        """The condensation's nodes, each before every node it calls (O(V + E))."""
        return self.sync_calls.topological_order

    def is_cyclic(self, component: int) -> bool:
        """Whether the members of a strongly connected set reach themselves."""
        members = self.sync_components[component]
        if len(members) > 1:
            return True
        (only,) = members
        return self.sync_calls.has_edge(only, only)

    @cached_property
    def service_bit(self) -> Mapping[str, int]:
        """Service -> its bit in the reachability masks: its index in the estate."""
        return MappingProxyType({s.name: i for i, s in enumerate(self.estate.services)})

    @cached_property
    def _downstream(self) -> tuple[Reach, ...]:
        return reach_closure(self.sync_calls, self.service_bit, reverse=False)

    @cached_property
    def _upstream(self) -> tuple[Reach, ...]:
        return reach_closure(self.sync_calls, self.service_bit, reverse=True)

    def reach_mask(self, service: str) -> int:
        """The bitmask (see `service_bit`) of the service and every service it reaches
        through synchronous calls."""
        return mask_of(self._downstream[self.sync_component_of[service]])

    def reached_by_mask(self, service: str) -> int:
        """The bitmask of the service and every service that reaches it through synchronous
        calls: what goes down with it."""
        return mask_of(self._upstream[self.sync_component_of[service]])

    def reaches(self, service: str) -> tuple[str, ...]:
        """Every other service it reaches through synchronous calls, sorted by name."""
        return self._others(self._downstream, service)

    def reached_by(self, service: str) -> tuple[str, ...]:
        """Every other service that reaches it through synchronous calls, sorted by name."""
        return self._others(self._upstream, service)

    def _others(self, reach: tuple[Reach, ...], service: str) -> tuple[str, ...]:
        bits = reach[self.sync_component_of[service]]
        own = self.service_bit[service]
        if isinstance(bits, frozenset):
            return tuple(self.estate.services[b].name for b in sorted(bits) if b != own)
        return self.services_in(mask_of(bits) & ~(1 << own))

    def services_in(self, mask: int) -> tuple[str, ...]:
        """The names of the services whose bits are set, in estate order (by name)."""
        services, out = self.estate.services, []
        while mask:
            low = mask & -mask
            out.append(services[low.bit_length() - 1].name)
            mask ^= low
        return tuple(out)
