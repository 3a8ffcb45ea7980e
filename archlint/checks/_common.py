"""Helpers shared by several checks: indexes of the estate's event streams, and wording.

Pure functions of the model; every index keeps the estate's order (services sorted by
name, entries in manifest order), so the checks that use them stay deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archlint.model import Estate, EventStream, Location, Service

# (service, entry) pairs, in estate order
Streams = list[tuple[Service, EventStream]]


def producers_by_topic(estate: Estate) -> Mapping[str, Streams]:
    """Topic -> every `produces` entry on it, with its service."""
    found: dict[str, Streams] = {}
    for s in estate.services:
        for p in s.produces:
            found.setdefault(p.topic, []).append((s, p))
    return found


def consumers_by_topic(estate: Estate) -> Mapping[str, Streams]:
    """Topic -> every `consumes` entry on it, with its service."""
    found: dict[str, Streams] = {}
    for s in estate.services:
        for c in s.consumes:
            found.setdefault(c.topic, []).append((s, c))
    return found


def first_produces(service: Service, topic: str) -> EventStream:
    """The service's first `produces` entry for the topic (it must have one)."""
    return next(p for p in service.produces if p.topic == topic)


def service_location(service: Service) -> Location:
    """Where a finding about a service as a whole points: its `metadata.name`."""
    return service.name_location or service.location


def join_names(names: Iterable[str], limit: int = 6) -> str:
    """'a', 'a and b', 'a, b and c'; past `limit` names, 'a, b, ... and 7 more'."""
    names = list(names)
    if len(names) > limit:
        shown = names[: limit - 1]
        return ", ".join(shown) + f" and {len(names) - len(shown)} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def arrow_path(names: Iterable[str], limit: int = 8) -> str:
    """'a -> b -> c', cut to the first `limit` names followed by '-> ...'."""
    names = list(names)
    if len(names) > limit:
        return " -> ".join(names[:limit]) + " -> ..."
    return " -> ".join(names)
