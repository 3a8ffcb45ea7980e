"""The architecture changes between two estates, read from their interaction indexes.

Each side's interactions become a ledger: one entry per fact a reviewer cares about (a
writer of a topic, a consumer, an event type on a topic, a synchronous call, a command on a
topic, a view), keyed by the names it joins and never by a line, so that moving an entry or
renaming a file changes nothing. What is in one ledger and not the other is a change, placed
on the side where it exists. Services are matched by name, and a service that left a file
in which another appeared (same path, new name) is a rename: the base side's facts are read
under the new name, so a rename is one change, not a removal and an addition of everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from archlint.changes.estate_diff import BASE, HEAD, Change, FieldValue
from archlint.interactions import COMMAND, CONSUMES, PRODUCES, QUERY, TOPIC_COMMAND, Interactions
from archlint.model import Location, Service

Fields = tuple[tuple[str, FieldValue], ...]
Ledger = dict[tuple[str, ...], tuple[Fields, Location]]
Rename = Callable[[str], str]


@dataclass(frozen=True)
class Ledgers:
    """One side's facts, by category: category -> key -> (fields, location)."""

    by_category: Mapping[str, Ledger]
    crossing: frozenset[tuple[str, ...]]  # keys of the calls that cross contexts


CATEGORIES = ("writer", "consumer", "event", "call", "topic-command", "view")


def renames(base: Interactions, head: Interactions) -> dict[str, str]:
    """Old name -> new name: a service gone from a file in which one appeared, paired in the
    order they stand in the file."""
    gone = [s for s in base.estate.services if s.name not in head.estate.service]
    new = [s for s in head.estate.services if s.name not in base.estate.service]
    found: dict[str, str] = {}
    for path in sorted({s.path for s in gone} & {s.path for s in new}):
        before = sorted((s for s in gone if s.path == path), key=lambda s: s.location)
        after = sorted((s for s in new if s.path == path), key=lambda s: s.location)
        found.update((old.name, fresh.name) for old, fresh in zip(before, after, strict=False))
    return found


def ledgers_of(interactions: Interactions, rename: Rename) -> Ledgers:
    """Every fact of one side, its service names passed through `rename`."""
    books: dict[str, Ledger] = {c: {} for c in CATEGORIES}
    crossing = set()
    for i in interactions.all:
        service = rename(i.service.name)
        if i.kind in (PRODUCES, CONSUMES):
            category = "writer" if i.kind == PRODUCES else "consumer"
            fields: Fields = (("topic", i.target), ("service", service))
            books[category].setdefault((i.target, service), (fields, i.location))
            for event in i.events or () if i.kind == PRODUCES else ():
                fields = (("topic", i.target), ("event", event.value), ("service", service))
                books["event"].setdefault((i.target, event.value), (fields, event.location))
        elif i.kind in (COMMAND, QUERY):
            target = rename(i.target)
            key = (i.kind, service, target, i.name)
            fields = (
                ("call", i.kind),
                ("service", service),
                ("target", target),
                ("name", i.name),
                ("cross_context", bool(i.crosses_context)),
            )
            books["call"].setdefault(key, (fields, i.location))
            if i.crosses_context:
                crossing.add(key)
        elif i.kind == TOPIC_COMMAND:
            fields = (("service", service), ("topic", i.target), ("name", i.name))
            books["topic-command"].setdefault((service, i.target, i.name), (fields, i.location))
    for s in interactions.estate.services:
        for view in s.views:
            fields = (("service", rename(s.name)), ("view", view.name))
            books["view"].setdefault((rename(s.name), view.name), (fields, view.location))
    return Ledgers(books, frozenset(crossing))


def ledger_changes(base: Ledgers, head: Ledgers) -> Iterator[Change]:
    """What one side's ledgers hold and the other's do not."""
    for category in CATEGORIES:
        before, after = base.by_category[category], head.by_category[category]
        for key in after.keys() - before.keys():
            fields, where = after[key]
            yield Change(f"{category}-added", fields, HEAD, where)
        for key in before.keys() - after.keys():
            fields, where = before[key]
            yield Change(f"{category}-removed", fields, BASE, where)


def owner_changes(base: Interactions, head: Interactions, rename: Rename) -> Iterator[Change]:
    """Topics whose owner is another service (or nobody) on the head side."""
    for topic in sorted(base.topics.keys() | head.topics.keys()):
        old = base.owner_of(topic)
        before = rename(old) if old is not None else None
        after = head.owner_of(topic)
        if before == after:
            continue
        # the new owner's declaration, or where the one that is gone was declared
        side, where = (
            (HEAD, _owner_location(head, topic)) if after else (BASE, _owner_location(base, topic))
        )
        fields: Fields = (("topic", topic), ("before", before), ("after", after))
        yield Change("owner-changed", fields, side, where)


def _owner_location(interactions: Interactions, topic: str) -> Location | None:
    owner = interactions.estate.service.get(interactions.owner_of(topic) or "")
    for name in owner.owns if owner is not None else ():
        if name.value == topic:
            return name.location
    document = interactions.estate.topic.get(topic)
    return document.owner.location if document is not None and document.owner else None


def service_changes(
    base: Interactions,
    head: Interactions,
    renamed: Mapping[str, str],
    ledgers: tuple[Ledgers, Ledgers],
) -> Iterator[Change]:
    """Services added, removed, renamed, moved, or with another global, availability or slo."""
    old_names = {renamed.get(s.name, s.name): s for s in base.estate.services}
    for s in head.estate.services:
        before = old_names.get(s.name)
        if before is None:
            yield Change("service-added", _named(s), HEAD, s.name_location or s.location)
            continue
        if before.name != s.name:
            fields: Fields = (("service", s.name), ("before", before.name))
            yield Change("service-renamed", fields, HEAD, s.name_location or s.location)
        if before.context != s.context:
            yield _moved(before, s, ledgers)
        yield from _changed_fields(before, s)
    for name, s in sorted(old_names.items()):
        if name not in head.estate.service:
            yield Change("service-removed", _named(s), BASE, s.name_location or s.location)


def _named(s: Service) -> Fields:
    return (("service", s.name), ("context", s.context))


def _moved(before: Service, after: Service, ledgers: tuple[Ledgers, Ledgers]) -> Change:
    """A service in another context, with the synchronous calls to or from it that cross
    contexts now and did not before (each also a CX001 or CX002 finding, where enabled)."""
    base, head = ledgers
    calls = head.by_category["call"]
    crossing = tuple(
        {"call": key[0], "service": key[1], "target": key[2], "name": key[3]}
        for key in sorted(head.crossing - base.crossing)
        if after.name in (key[1], key[2]) and key in calls
    )
    fields: Fields = (
        ("service", after.name),
        ("before", before.context),
        ("after", after.context),
        ("cross_context_calls", crossing),
    )
    return Change("service-moved", fields, HEAD, after.context_location or after.location)


def _changed_fields(before: Service, after: Service) -> Iterator[Change]:
    pairs: tuple[tuple[str, FieldValue, FieldValue, Location | None], ...] = (
        ("global", before.is_global, after.is_global, None),
        ("availability", before.availability, after.availability, after.availability_location),
        ("slo", before.slo, after.slo, after.slo_location),
    )
    for name, old, new, where in pairs:
        if old != new:
            fields: Fields = (
                ("service", after.name),
                ("field", name),
                ("before", old),
                ("after", new),
            )
            yield Change("service-changed", fields, HEAD, where or after.location)
