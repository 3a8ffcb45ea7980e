"""Bounded contexts as the diagrams show them: a cluster per context, and the size line of
a context drawn as one node. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from archlint.diagram.elements import Cluster
from archlint.interactions import Interactions
from archlint.model import Estate


def clusters_of(estate: Estate, names: Iterable[str]) -> tuple[Cluster, ...]:
    """A cluster per context named, sorted, with its Context document's owner."""
    docs = estate.context
    return tuple(Cluster(n, docs[n].owner or "" if n in docs else "") for n in sorted(names))


def context_sizes(interactions: Interactions) -> dict[str, tuple[int, int, int]]:
    """Context -> (services, global services, topics owned there)."""
    estate = interactions.estate
    sizes: dict[str, list[int]] = {}
    for s in estate.services:
        size = sizes.setdefault(s.context, [0, 0, 0])
        size[0] += 1
        size[1] += s.is_global
    for facts in interactions.topics.values():
        owner = estate.service.get(facts.owner or "")
        if owner is not None:
            sizes.setdefault(owner.context, [0, 0, 0])[2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in sizes.items()}


def count_detail(services: int, globals_: int, topics: int) -> str:
    """A context node's second line: '3 services (1 global), 2 topics'."""
    text = f"{services} service{'s' if services != 1 else ''}"
    if globals_:
        text += f" ({globals_} global)"
    if topics:
        text += f", {topics} topic{'s' if topics != 1 else ''}"
    return text
