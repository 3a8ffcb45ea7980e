"""The broker's grants indexed for the BR rules: principals mapped to services, write grants
after denies, and every grant indexed by its pattern, so that the grants on a topic are a
few dictionary lookups (one per distinct prefix length), never a scan of every grant.

Pure: a function of the estate's `Broker` and the names of its services.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from types import MappingProxyType

from archlint.model import ANY, LITERAL, PREFIX, Broker, Grant, Provision


def bare_principal(principal: str) -> str:
    """The name in a principal: `User:CN=orders,O=shop` and `User:orders` -> `orders`."""
    name = principal.split(":", 1)[1] if principal.startswith("User:") else principal
    if name.upper().startswith("CN="):
        name = name[3:].split(",", 1)[0]
    return name


class _PatternIndex:
    """Grants by pattern: literal names, prefixes (by length), and the grants on every topic."""

    def __init__(self, grants: Iterable[Grant]) -> None:
        self.literal: dict[str, list[Grant]] = {}
        self.prefix: dict[str, list[Grant]] = {}
        self.any: list[Grant] = []
        for g in grants:
            if g.pattern_type == ANY:
                self.any.append(g)
            elif g.pattern_type == PREFIX:
                self.prefix.setdefault(g.pattern, []).append(g)
            else:
                self.literal.setdefault(g.pattern, []).append(g)
        self.lengths = tuple(sorted({len(p) for p in self.prefix}))

    def on(self, topic: str) -> list[Grant]:
        """Every grant whose pattern matches `topic`: literal, then prefixes, then `*`."""
        found = list(self.literal.get(topic, ()))
        for n in self.lengths:
            if n > len(topic):
                break
            found.extend(self.prefix.get(topic[:n], ()))
        found.extend(self.any)
        return found

    def names(self, topic: str) -> bool:
        return bool(topic in self.literal or self.any or self._prefixed(topic))

    def _prefixed(self, topic: str) -> bool:
        return any(topic[:n] in self.prefix for n in self.lengths if n <= len(topic))


class BrokerIndex:
    """What the broker allows, read against the estate's services."""

    def __init__(self, broker: Broker, services: Collection[str]) -> None:
        self.broker = broker
        ignored = set(broker.super_users) | {bare_principal(p) for p in broker.super_users}
        self.grants: tuple[Grant, ...] = tuple(
            g
            for g in _every_app(broker.grants, services)
            if g.principal not in ignored and bare_principal(g.principal) not in ignored
        )
        self.service_of: Mapping[str, str | None] = _services_of(
            self.grants, broker.principals, frozenset(services)
        )
        denies: dict[str, list[Grant]] = {}
        for g in self.grants:
            if not g.allow and g.writes:
                denies.setdefault(g.principal, []).append(g)
        allows = [g for g in self.grants if g.allow]
        self.write_grants: tuple[Grant, ...] = tuple(
            g
            for g in allows
            if g.writes and not any(d.covers(g) for d in denies.get(g.principal, ()))
        )
        self._writes = _PatternIndex(self.write_grants)
        self._allows = _PatternIndex(allows)
        provisioned: dict[str, Provision] = {}
        for p in broker.provisions:
            provisioned.setdefault(p.topic, p)
        self.provisioned: Mapping[str, Provision] = MappingProxyType(provisioned)

    @property
    def declares_topics(self) -> bool:
        """Whether the configuration provisions topics at all (else BR004 has nothing to say)."""
        return bool(self.provisioned)

    def write_grants_on(self, topic: str) -> list[Grant]:
        """The write grants (after denies) whose pattern matches `topic`, in index order."""
        return self._writes.on(topic)

    def granted_writers(self, topic: str) -> tuple[str, ...]:
        """The services a write grant on `topic` belongs to, sorted."""
        services = {self.service_of[g.principal] for g in self.write_grants_on(topic)}
        return tuple(sorted(s for s in services if s is not None))

    def may_write(self, service: str, topic: str) -> bool:
        return any(self.service_of[g.principal] == service for g in self.write_grants_on(topic))

    def is_covered(self, topic: str) -> bool:
        """Whether any allow names or matches the topic, or a resource provisions it."""
        return topic in self.provisioned or self._allows.names(topic)

    @cached_property
    def unknown_principals(self) -> tuple[tuple[str, Grant], ...]:
        """Each principal that maps to no service, with its first grant, by principal."""
        first: dict[str, Grant] = {}
        for g in self.grants:
            if self.service_of[g.principal] is None:
                first.setdefault(g.principal, g)
        return tuple(sorted(first.items()))


def matching(grant: Grant, topics: Sequence[str]) -> Sequence[str]:
    """The names among `topics` (sorted) that `grant` matches: a bisection for a prefix."""
    if grant.pattern_type == ANY:
        return topics
    if grant.pattern_type == LITERAL:
        i = bisect.bisect_left(topics, grant.pattern)
        return topics[i : i + 1] if i < len(topics) and topics[i] == grant.pattern else ()
    start = bisect.bisect_left(topics, grant.pattern)
    end = bisect.bisect_left(topics, grant.pattern + "\U0010ffff")
    return topics[start:end]


EVERY_PRINCIPAL = ("*", "User:*")  # a Dapr component without scopes; Kafka's wildcard user


def _every_app(grants: Iterable[Grant], services: Collection[str]) -> Iterator[Grant]:
    """The grants, with one given to every principal made one per service."""
    for g in grants:
        if g.principal in EVERY_PRINCIPAL:
            yield from (replace(g, principal=s) for s in sorted(services) if s not in g.except_for)
        else:
            yield g


def _services_of(
    grants: Iterable[Grant], table: Mapping[str, str], services: frozenset[str]
) -> Mapping[str, str | None]:
    """Principal -> its service: the configuration's `principals:` (as written, or by its
    bare name in any spelling: `orders`, `User:orders`, `User:CN=orders`), else an `archlint.io/service` label or annotation, else its name, where
    that is a service of the estate; None for a principal that is none of these."""
    labelled: dict[str, str] = {}
    principals: dict[str, None] = {}  # in order of first grant
    for g in grants:
        principals.setdefault(g.principal, None)
        if g.service is not None:
            labelled.setdefault(g.principal, g.service)
    found: dict[str, str | None] = {}
    for principal in principals:
        bare = bare_principal(principal)
        spellings = (principal, bare, f"User:CN={bare}", f"User:{bare}")
        named = next((table[p] for p in spellings if p in table), labelled.get(principal))
        if named is None and bare in services:
            named = bare
        found[principal] = named if named in services else None
    return MappingProxyType(found)
