"""Focused views that keep large estates readable: one context with its neighbours
collapsed, or one service and what lies within N hops of it. Pure."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from archlint.diagram.contexts import context_sizes, count_detail
from archlint.diagram.elements import (
    SERVICE,
    TOPIC,
    Cluster,
    Diagram,
    Edge,
    EdgeKey,
    Node,
    NodeId,
    context_id,
    service_id,
)
from archlint.diagram.service_level import merge_edges, node_key
from archlint.interactions import Interactions


class FocusError(ValueError):
    """A focus that names nothing in the estate; the message says what exists."""


def unknown(what: str, name: str, names: Sequence[str]) -> str:
    """The message for a focus on nothing: what exists, and what is close."""
    if not names:
        return f"no {what} named {name!r}: the estate has none"
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"no {what} named {name!r} in the estate{hint}"


# -- one context, its neighbours collapsed ------------------------------------------------------


def focus_context(full: Diagram, interactions: Interactions, name: str) -> Diagram:
    """The services and topics of context `name`, each neighbouring context collapsed to one
    node, and the topics nobody owns that the context's services touch."""
    return focus_contexts(full, interactions, [name])[0]


def focus_contexts(
    full: Diagram, interactions: Interactions, names: Sequence[str]
) -> list[Diagram]:
    """focus_context for each of `names`, in order, counting the contexts' sizes once."""
    known = interactions.estate.context_names
    known_set = set(known)
    for name in names:
        if name not in known_set:
            raise FocusError(unknown("context", name, known))
    sizes = context_sizes(interactions)
    members: dict[str, list[NodeId]] = {}  # cluster -> its nodes: each context's read once
    for n in full.nodes:
        if n.cluster is not None:
            members.setdefault(n.cluster, []).append(n.id)
    clusters = {c.name: c for c in full.clusters}
    return [_focus(full, name, sizes, members.get(name, []), clusters.get(name)) for name in names]


def _focus(
    full: Diagram,
    name: str,
    sizes: Mapping[str, tuple[int, int, int]],
    inside: Sequence[NodeId],
    cluster: Cluster | None,
) -> Diagram:
    represent, near = _represented(full, inside)
    kept = {i: full.node[i] for i, r in represent.items() if i == r}
    edges = collapse_edges(sorted(near.values(), key=lambda e: e.key), represent, kept.keys())
    for e in edges:
        for end in (e.source, e.target):
            if end not in kept:
                count, globals_, topics = sizes.get(end.name, (0, 0, 0))
                kept[end] = Node(
                    end,
                    collapsed=True,
                    detail="neighbour: " + count_detail(count, globals_, topics),
                    is_global=globals_ > 0,
                )
    return replace(
        full,
        title=f"context {name}",
        clusters=(cluster,) if cluster is not None else (),
        nodes=tuple(sorted(kept.values(), key=node_key)),
        edges=tuple(edges),
        focus=(("context", name),),
    )


def _represented(
    full: Diagram, inside: Sequence[NodeId]
) -> tuple[dict[NodeId, NodeId], dict[EdgeKey, Edge]]:
    """Which node stands for each node near a context whose nodes are `inside` (itself, or
    its context's collapsed node), and the edges that can matter: those that touch the
    context or an unclustered node next to it."""
    edges_of = full.edges_of
    near = {e.key: e for i in inside for e in edges_of.get(i, ())}
    touching = {end for e in near.values() for end in (e.source, e.target)}
    represent: dict[NodeId, NodeId] = {i: i for i in inside}
    for end in touching:
        if end not in represent and full.node[end].cluster is None:
            represent[end] = end  # unowned topic or undeclared service next to the context
            near.update((e.key, e) for e in edges_of.get(end, ()))
    for e in near.values():
        for end in (e.source, e.target):
            cluster = full.node[end].cluster
            if end not in represent and cluster is not None:
                represent[end] = context_id(cluster)
    return represent, near


def collapse_edges(
    edges: Iterable[Edge], represent: Mapping[NodeId, NodeId], focused: Iterable[NodeId]
) -> list[Edge]:
    """Edges between represented nodes: an edge with a collapsed end names the topic it
    went through; edges between two collapsed nodes are dropped (not this view's business)."""
    inside = set(focused)
    out = []
    for e in edges:
        s, t = represent.get(e.source), represent.get(e.target)
        if s is None or t is None or s == t or (s not in inside and t not in inside):
            continue
        names = e.names
        for original, now in ((e.source, s), (e.target, t)):
            if original != now and original.kind == TOPIC:
                names = (original.name,)  # the topic, collapsed: name it instead of its events
        out.append(replace(e, source=s, target=t, names=names))
    return merge_edges(out)


# -- one service and what lies within N hops ----------------------------------------------------


def service_neighbours(interactions: Interactions) -> dict[str, set[str]]:
    """Service -> the services it interacts with directly, either way: calls, and events
    through a topic (writer and reader), and commands on a topic (sender and owner)."""
    known = interactions.estate.service
    near: dict[str, set[str]] = {name: set() for name in known}

    def link(a: str, b: str) -> None:
        if a != b and a in known and b in known:
            near[a].add(b)
            near[b].add(a)

    for facts in interactions.topics.values():
        for writer in facts.writers:
            for reader in facts.readers:
                link(writer, reader)
        if facts.owner is not None:
            for sender in facts.command_senders:
                link(sender, facts.owner)
    for call in interactions.calls:
        link(call.service.name, call.target)
    return near


def focus_service(full: Diagram, interactions: Interactions, name: str, hops: int = 1) -> Diagram:
    """The service, the services within `hops` interactions of it, and the topics between
    them (a topic between a writer and a reader is part of one hop, not a hop of its own)."""
    estate = interactions.estate
    if name not in estate.service:
        raise FocusError(unknown("service", name, [s.name for s in estate.services]))
    if hops < 0:
        raise FocusError("--hops must be 0 or more")
    kept_services = {service_id(s) for s in _within(service_neighbours(interactions), name, hops)}
    centre = service_id(name)
    touches: dict[NodeId, set[NodeId]] = {}  # topic or undeclared node -> kept services
    for e in full.edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if a in kept_services and b.kind != SERVICE:
                touches.setdefault(b, set()).add(a)
    kept = set(kept_services)
    kept.update(n for n, by in touches.items() if len(by) >= 2 or centre in by)
    nodes = tuple(n for n in full.nodes if n.id in kept)
    return replace(
        full,
        title=f"service {name}, {hops} hop{'s' if hops != 1 else ''}",
        clusters=tuple(c for c in full.clusters if any(n.cluster == c.name for n in nodes)),
        nodes=nodes,
        edges=tuple(e for e in full.edges if e.source in kept and e.target in kept),
        focus=(("service", name), ("hops", str(hops))),
    )


def _within(near: Mapping[str, set[str]], start: str, hops: int) -> set[str]:
    """The services at most `hops` links away from `start` (breadth first)."""
    distance = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if distance[current] == hops:
            continue
        for other in sorted(near[current]):
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    return set(distance)
