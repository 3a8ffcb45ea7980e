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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

from archlint.broker.index import BrokerIndex
from archlint.model import Estate, EventStream, Location, Name, Service, Topic
from archlint.sync_calls import Reach, SyncCalls, mask_of, reach_closure

if TYPE_CHECKING:  # networkx is imported on first use, by sync_graph and sync_condensation
    import networkx as nx

PRODUCES: Final = "produces"  # service -> topic: an event write
CONSUMES: Final = "consumes"  # topic -> service: a subscription
COMMAND: Final = "command"  # service -> service, synchronous (`commands` with `to`)
TOPIC_COMMAND: Final = "topic-command"  # service -> topic, asynchronous (`commands` with `topic`)
QUERY: Final = "query"  # service -> service, synchronous
VIEW_SOURCE: Final = "view-source"  # a topic a service's view is built from

Kind = Literal["produces", "consumes", "command", "topic-command", "query", "view-source"]
TOPIC_KINDS: frozenset[str] = frozenset({PRODUCES, CONSUMES, TOPIC_COMMAND, VIEW_SOURCE})
SYNCHRONOUS: frozenset[str] = frozenset({COMMAND, QUERY})


@dataclass(frozen=True, slots=True)
class Interaction:
    """One manifest entry that ties `service` to a topic or to another service.

    `target` is a topic name for the topic kinds, else the called service's name (declared
    or not). `events` are the event types of a produces or consumes entry as written (None:
    unspecified for a producer, every event for a consumer); `name` is the command's or
    query's name, or the view's. `crosses_context` says whether the other end lies in
    another bounded context: for a call, the target's context; for a topic, its owner's;
    None where that context is unknown (an undeclared service, a topic nobody owns).
    """

    kind: Kind
    service: Service
    target: str
    location: Location
    events: tuple[Name, ...] | None = None
    name: str = ""
    target_service: Service | None = None
    crosses_context: bool | None = None

    @property
    def synchronous(self) -> bool:
        return self.kind in SYNCHRONOUS

    @property
    def to_topic(self) -> bool:
        return self.kind in TOPIC_KINDS

    @property
    def event_names(self) -> tuple[str, ...] | None:
        return None if self.events is None else tuple(e.value for e in self.events)

    @property
    def names(self) -> tuple[str, ...]:
        """What flows: the event types, or the command's or query's name (() when unlisted)."""
        if self.kind in (PRODUCES, CONSUMES):
            return self.event_names or ()
        return (self.name,)

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, service, target): what a diagram draws as one edge."""
        return (self.kind, self.service.name, self.target)


@dataclass(frozen=True, slots=True)
class TopicFacts:
    """Everything the estate says about one topic, each list sorted or in estate order."""

    name: str
    document: Topic | None  # its Topic document, where it has one
    owners: tuple[str, ...]  # every service declared its owner, sorted; two or more: SW005
    produces: tuple[Interaction, ...]  # estate order
    consumes: tuple[Interaction, ...]
    commands: tuple[Interaction, ...]  # commands sent to the topic (never writes)
    view_sources: tuple[Interaction, ...]
    writers: tuple[str, ...]  # the services that produce on it, sorted
    readers: tuple[str, ...]  # the services that consume it, sorted
    command_senders: tuple[str, ...]  # the services that send commands to it, sorted
    listed_writers: frozenset[str]  # its Topic document's `writers`: a reviewed exception

    @property
    def owner(self) -> str | None:
        """The owner taken everywhere: the first declared, by name."""
        return self.owners[0] if self.owners else None


def _sorted_services(items: Iterable[Interaction]) -> tuple[str, ...]:
    return tuple(sorted({i.service.name for i in items}))


class Interactions:
    """The index of one estate's interactions. Build it once per run: `Interactions(estate)`."""

    def __init__(self, estate: Estate) -> None:
        self.estate = estate
        owners = _declared_owners(estate)
        self.all: tuple[Interaction, ...] = tuple(_derive(estate, owners))
        self.by_service: Mapping[str, tuple[Interaction, ...]] = _group(
            self.all, lambda i: i.service.name, (s.name for s in estate.services)
        )
        self.topics: Mapping[str, TopicFacts] = _topic_facts(estate, self.all, owners)
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
        return _group(self.calls, lambda i: i.target)

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


# -- derivation ---------------------------------------------------------------------------------


def _declared_owners(estate: Estate) -> dict[str, tuple[str, ...]]:
    """Topic -> every service declared its owner (by `owns` or a Topic's `spec.owner`), sorted."""
    found: dict[str, set[str]] = {}
    for s in estate.services:
        for n in s.owns:
            found.setdefault(n.value, set()).add(s.name)
    for t in estate.topics:
        if t.owner is not None:
            found.setdefault(t.name, set()).add(t.owner.value)
    return {t: tuple(sorted(n)) for t, n in found.items()}


def _derive(estate: Estate, owners: Mapping[str, tuple[str, ...]]) -> Iterable[Interaction]:
    known = estate.service

    def topic_crossing(service: Service, topic: str) -> bool | None:
        declared = owners.get(topic, ())
        owner = known.get(declared[0]) if declared else None
        return None if owner is None else owner.context != service.context

    for s in estate.services:
        streams: tuple[tuple[Kind, tuple[EventStream, ...]], ...] = (
            (PRODUCES, s.produces),
            (CONSUMES, s.consumes),
        )
        for kind, entries in streams:
            for stream in entries:
                crosses = topic_crossing(s, stream.topic)
                yield Interaction(
                    kind, s, stream.topic, stream.location, stream.events, crosses_context=crosses
                )
        for call in s.calls:
            if call.topic is not None:
                crosses = topic_crossing(s, call.topic)
                yield Interaction(
                    TOPIC_COMMAND,
                    s,
                    call.topic,
                    call.location,
                    name=call.name,
                    crosses_context=crosses,
                )
            elif call.to is not None:
                target = known.get(call.to)
                yield Interaction(
                    call.kind,
                    s,
                    call.to,
                    call.location,
                    name=call.name,
                    target_service=target,
                    crosses_context=None if target is None else target.context != s.context,
                )
        for view in s.views:
            for source in view.sources:
                yield Interaction(
                    VIEW_SOURCE,
                    s,
                    source.value,
                    source.location,
                    name=view.name,
                    crosses_context=topic_crossing(s, source.value),
                )


def _group(
    items: Iterable[Interaction], key: Callable[[Interaction], str], names: Iterable[str] = ()
) -> Mapping[str, tuple[Interaction, ...]]:
    """Interactions grouped by `key(interaction)`, in the order given; `names` start empty."""
    found: dict[str, list[Interaction]] = {n: [] for n in names}
    for i in items:
        found.setdefault(key(i), []).append(i)
    return MappingProxyType({k: tuple(v) for k, v in found.items()})


def _topic_facts(
    estate: Estate, interactions: Iterable[Interaction], owners: Mapping[str, tuple[str, ...]]
) -> Mapping[str, TopicFacts]:
    """Every topic named anywhere (owned, written, read, commanded, viewed or documented)."""
    by_kind: dict[str, dict[str, list[Interaction]]] = {}
    for i in interactions:
        if i.to_topic:
            by_kind.setdefault(i.target, {}).setdefault(i.kind, []).append(i)
    names = set(by_kind) | set(owners) | {t.name for t in estate.topics}
    facts = {}
    for name in sorted(names):
        kinds = by_kind.get(name, {})
        document = estate.topic.get(name)
        produces = tuple(kinds.get(PRODUCES, ()))
        consumes = tuple(kinds.get(CONSUMES, ()))
        commands = tuple(kinds.get(TOPIC_COMMAND, ()))
        facts[name] = TopicFacts(
            name=name,
            document=document,
            owners=owners.get(name, ()),
            produces=produces,
            consumes=consumes,
            commands=commands,
            view_sources=tuple(kinds.get(VIEW_SOURCE, ())),
            writers=_sorted_services(produces),
            readers=_sorted_services(consumes),
            command_senders=_sorted_services(commands),
            listed_writers=frozenset(
                w.value for w in (document.writers or () if document is not None else ())
            ),
        )
    return MappingProxyType(facts)
