"""What breaks when a service goes down (pure): the impact of a service or of a topic.

For a service S:
- `fails`: every service that reaches S through synchronous calls, transitively, each with
  a shortest call path (S last): they go down with S;
- `delayed`: every service downstream of S's events (the consumers of the topics S writes,
  then of the topics they write, ...), but S and `fails`, each with a shortest path through
  topics (S first): they keep running, but their data ages;
- `stale_views`: the views built from a topic that S or a service downstream of it writes;
- `availability`: for each service in `fails` that has an `slo`, SY003's product (S at its
  declared availability) and its margin to the slo.
A topic subject has its owner, writers and readers, and the same `delayed` and
`stale_views` downstream. `depth` limits the hops: one call, or one topic and its consumer.

`blast_radii` gives every service the sizes of its `fails` and `delayed` sets at once, from
reachability bitmasks over the condensations of the two graphs (O(V + E) big-integer ORs),
never from a search per service: the report shows them for every service.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archlint.checks.sy003_availability_below_slo import availability_products
from archlint.interactions import PRODUCES, Interactions

if TYPE_CHECKING:
    import networkx as nx

SERVICE = "service"
TOPIC = "topic"


@dataclass(frozen=True)
class Reached:
    """A service the subject's outage reaches, and one shortest path to it."""

    service: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class StaleView:
    service: str
    view: str
    topic: str


@dataclass(frozen=True)
class Exposure:
    """A service in `fails` with an slo: its availability (SY003's product) and margin."""

    service: str
    slo: float
    availability: float

    @property
    def margin(self) -> float:
        return self.availability - self.slo


@dataclass(frozen=True)
class Impact:
    """What the outage of `name` (a service, or a topic nobody can write) does; lists sorted
    by service name."""

    kind: str  # SERVICE or TOPIC
    name: str
    fails: tuple[Reached, ...]
    delayed: tuple[Reached, ...]
    stale_views: tuple[StaleView, ...]
    availability: tuple[Exposure, ...] = ()
    owner: str | None = None  # a topic's
    writers: tuple[str, ...] = ()
    readers: tuple[str, ...] = ()


def _shortest_paths(
    start: str, step: Mapping[str, tuple[str, ...]], depth: int | None
) -> dict[str, tuple[str, ...]]:
    """Breadth first from `start`: node -> a shortest path to it (start first), the
    neighbours of each node taken in the order `step` gives them."""
    paths: dict[str, tuple[str, ...]] = {start: (start,)}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if depth is not None and len(paths[node]) > depth:
            continue
        for nxt in step.get(node, ()):
            if nxt not in paths:
                paths[nxt] = (*paths[node], nxt)
                queue.append(nxt)
    return paths


def _callers(interactions: Interactions) -> dict[str, tuple[str, ...]]:
    """Service -> the declared services that call it synchronously, sorted."""
    graph = interactions.sync_graph
    return {n: tuple(sorted(graph.predecessors(n))) for n in graph.nodes}


def event_graph(interactions: Interactions) -> dict[str, tuple[str, ...]]:
    """The event flow, node -> next nodes, sorted: a service -> the topics it writes, a topic
    -> the declared services that consume it. Names are prefixed ("s:", "t:") because a
    service and a topic may share a name."""
    flow: dict[str, set[str]] = {}
    for i in interactions.all:
        if i.kind == PRODUCES:
            flow.setdefault(f"s:{i.service.name}", set()).add(f"t:{i.target}")
    for name, facts in interactions.topics.items():
        flow[f"t:{name}"] = {f"s:{r}" for r in facts.readers}
    return {k: tuple(sorted(v)) for k, v in flow.items()}


def impact_of_service(
    interactions: Interactions, name: str, *, depth: int | None = None, assumed: float = 100.0
) -> Impact:
    """The impact of the outage of the service `name` (declared in the estate)."""
    up = _shortest_paths(name, _callers(interactions), depth)
    fails = tuple(Reached(s, tuple(reversed(p))) for s, p in sorted(up.items()) if s != name)
    failing = {r.service for r in fails}
    delayed, stale = _downstream(interactions, f"s:{name}", depth, failing | {name})
    slos = {p.service.name: p for p in availability_products(interactions, assumed)}
    exposures = tuple(
        Exposure(s, slos[s].service.slo or 0.0, slos[s].percent)
        for s in sorted(failing)
        if s in slos
    )
    return Impact(SERVICE, name, fails, delayed, stale, exposures)


def impact_of_topic(interactions: Interactions, name: str, *, depth: int | None = None) -> Impact:
    """The topic `name`, who owns, writes and reads it, and what runs late when it stops."""
    facts = interactions.topics[name]
    delayed, stale = _downstream(interactions, f"t:{name}", depth, set())
    return Impact(
        TOPIC,
        name,
        (),
        delayed,
        stale,
        owner=facts.owner,
        writers=facts.writers,
        readers=facts.readers,
    )


def _downstream(
    interactions: Interactions, start: str, depth: int | None, excluded: set[str]
) -> tuple[tuple[Reached, ...], tuple[StaleView, ...]]:
    """The services downstream of `start` in the event flow but `excluded`, and the views
    built from the topics on the way. A hop is a topic and its consumer."""
    # a hop is two steps of the flow (a topic, then its consumer); from a topic, the first is one
    steps = None if depth is None else 2 * depth - start.startswith("t:")
    paths = _shortest_paths(start, event_graph(interactions), steps)
    delayed = tuple(
        Reached(node[2:], tuple(p[2:] for p in path))
        for node, path in sorted(paths.items())
        if node.startswith("s:") and node[2:] not in excluded and node != start
    )
    topics = {node[2:] for node in paths if node.startswith("t:")}
    stale = sorted(
        {
            StaleView(v.service.name, v.name, topic)
            for topic in topics
            for v in interactions.topics[topic].view_sources
        },
        key=lambda v: (v.service, v.view, v.topic),
    )
    return delayed, tuple(stale)


class UnknownSubject(ValueError):
    """A name that is neither a service nor a topic of the estate; the message suggests."""


def impact_of(
    interactions: Interactions, name: str, *, depth: int | None = None, assumed: float = 100.0
) -> Impact:
    """The impact of the service `name`, else of the topic `name`; neither is UnknownSubject."""
    if name in interactions.estate.service:
        return impact_of_service(interactions, name, depth=depth, assumed=assumed)
    if name in interactions.topics:
        return impact_of_topic(interactions, name, depth=depth)
    names = sorted({*interactions.estate.service, *interactions.topics})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownSubject(f"no service or topic named {name!r} in the estate{hint}")


@dataclass(frozen=True)
class BlastRadius:
    fails: int
    delayed: int

    @property
    def size(self) -> int:
        return self.fails + self.delayed


@dataclass(frozen=True)
class BlastRadii:
    """Per service the sizes of its `fails` and `delayed` sets; per topic the size of its
    `delayed` set (no depth limit)."""

    services: Mapping[str, BlastRadius]
    topics: Mapping[str, int]


def blast_radii(interactions: Interactions) -> BlastRadii:
    """Every service's and every topic's blast radius, from one pass over each graph."""
    import networkx as nx

    bit = interactions.service_bit
    flow: nx.DiGraph[str] = nx.DiGraph()
    flow.add_nodes_from(f"s:{s.name}" for s in interactions.estate.services)
    flow.add_edges_from((a, b) for a, nexts in event_graph(interactions).items() for b in nexts)
    downstream = _closure(flow, {f"s:{n}": b for n, b in bit.items()})
    services = {}
    for s in interactions.estate.services:
        own = 1 << bit[s.name]
        fails = interactions.reached_by_mask(s.name) & ~own
        late = downstream[f"s:{s.name}"] & ~own & ~fails
        services[s.name] = BlastRadius(fails.bit_count(), late.bit_count())
    topics = {t: downstream.get(f"t:{t}", 0).bit_count() for t in interactions.topics}
    return BlastRadii(services, topics)


def _closure(graph: nx.DiGraph[str], bits: Mapping[str, int]) -> dict[str, int]:
    """Node -> the bitmask of the services it reaches (itself included), through one pass
    over the condensation in reverse topological order."""
    import networkx as nx

    cond = nx.condensation(graph)
    members = cond.graph["mapping"]
    own = [0] * cond.number_of_nodes()
    for node, component in members.items():
        own[component] |= 1 << bits[node] if node in bits else 0
    masks = [0] * len(own)
    for component in reversed(list(nx.topological_sort(cond))):
        mask = own[component]
        for succ in cond.successors(component):
            mask |= masks[succ]
        masks[component] = mask
    return {node: masks[component] for node, component in members.items()}
