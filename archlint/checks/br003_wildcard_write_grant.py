"""BR003 wildcard-write-grant: a prefix, `*` or unscoped Dapr grant lets a service write a
topic it does not write, that another service owns or writes.

A wildcard that covers only the service's own topics is fine; one that reaches into
another team's topics makes their single writer a convention anyone can break.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.broker.index import matching
from archlint.catalogue import OptionValue
from archlint.checks._broker import declared_writers, holder, writes_or_owns
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import ANY, PREFIX, Grant
from archlint.registry import ESTATE, Scope

CODE = "BR003"
SCOPE: Scope = ESTATE


def _described(grant: Grant) -> str:
    if grant.pattern_type == ANY:
        return "Write on every topic ('*')"
    if grant.pattern_type == PREFIX:
        return f"Write on every topic prefixed '{grant.pattern}'"
    return "Write on every topic of its pub/sub component (no `publishingScopes` entry)"


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None:
        return
    topics = tuple(interactions.topics)  # sorted by name
    seen: set[tuple[str, str]] = set()
    for grant in broker.write_grants:
        service = broker.service_of[grant.principal]
        if not grant.wildcard or service is None:
            continue
        for name in matching(grant, topics):
            facts = interactions.topics[name]
            if (service, name) in seen or service in declared_writers(facts):
                continue
            others = sorted(writes_or_owns(facts) - {service})
            if not others or service in facts.owners:
                continue
            seen.add((service, name))
            yield Finding(
                code=CODE,
                message=(
                    f"{holder(grant.principal, service)} is granted {_described(grant)}, which "
                    f"covers topic '{name}' of {join_names(others)}: narrow the grant to the "
                    f"topics {service} writes, or list {service} in the Topic's `writers`"
                ),
                location=grant.location,
                entities={"service": service, "topic": name},
            )
