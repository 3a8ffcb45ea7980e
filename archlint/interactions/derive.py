"""Deriving the index from the estate: each manifest entry's Interaction, each topic's facts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

from archlint.interactions.entries import (
    CONSUMES,
    PRODUCES,
    TOPIC_COMMAND,
    VIEW_SOURCE,
    Interaction,
    Kind,
    TopicFacts,
)
from archlint.model import Call, Estate, EventStream, Service


def _sorted_services(items: Iterable[Interaction]) -> tuple[str, ...]:
    return tuple(sorted({i.service.name for i in items}))


def declared_owners(estate: Estate) -> dict[str, tuple[str, ...]]:
    """Topic -> every service declared its owner (by `owns` or a Topic's `spec.owner`), sorted."""
    found: dict[str, set[str]] = {}
    for s in estate.services:
        for n in s.owns:
            found.setdefault(n.value, set()).add(s.name)
    for t in estate.topics:
        if t.owner is not None:
            found.setdefault(t.name, set()).add(t.owner.value)
    return {t: tuple(sorted(n)) for t, n in found.items()}


def derive(
    estate: Estate,
    owners: Mapping[str, tuple[str, ...]],
    services: Iterable[Service],
    calls_only: bool = False,
) -> Iterable[Interaction]:
    known = estate.service
    if calls_only:
        yield from _calls(services, known)
        return

    def topic_crossing(service: Service, topic: str) -> bool | None:
        declared = owners.get(topic, ())
        owner = known.get(declared[0]) if declared else None
        return None if owner is None else owner.context != service.context

    for s in services:
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
                yield _call(s, call, known)
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


def _calls(services: Iterable[Service], known: Mapping[str, Service]) -> Iterable[Interaction]:
    """The synchronous calls (`to:` a service) of `services`, in manifest order."""
    return (_call(s, call, known) for s in services for call in s.calls if call.to is not None)


def _call(service: Service, call: Call, known: Mapping[str, Service]) -> Interaction:
    assert call.to is not None
    target = known.get(call.to)
    return Interaction(
        call.kind,
        service,
        call.to,
        call.location,
        name=call.name,
        target_service=target,
        crosses_context=None if target is None else target.context != service.context,
    )


def group(
    items: Iterable[Interaction], key: Callable[[Interaction], str], names: Iterable[str] = ()
) -> Mapping[str, tuple[Interaction, ...]]:
    """Interactions grouped by `key(interaction)`, in the order given; `names` start empty."""
    found: dict[str, list[Interaction]] = {n: [] for n in names}
    for i in items:
        found.setdefault(key(i), []).append(i)
    return MappingProxyType({k: tuple(v) for k, v in found.items()})


def topic_facts(
    estate: Estate,
    interactions: Iterable[Interaction],
    owners: Mapping[str, tuple[str, ...]],
    named: set[str] | None = None,
) -> Mapping[str, TopicFacts]:
    """Every topic named anywhere (owned, written, read, commanded, viewed or documented);
    of part of the estate, those its interactions name, and `named`."""
    by_kind: dict[str, dict[str, list[Interaction]]] = {}
    for i in interactions:
        if i.to_topic:
            by_kind.setdefault(i.target, {}).setdefault(i.kind, []).append(i)
    if named is None:
        names = set(by_kind) | set(owners) | {t.name for t in estate.topics}
    else:
        names = set(by_kind) | named
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
