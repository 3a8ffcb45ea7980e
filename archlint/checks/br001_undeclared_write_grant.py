"""BR001 undeclared-write-grant: the broker grants a service Write on one topic, by name,
that the service neither writes nor sends commands to in the estate.

The grant lets a second writer in: the single writer holds on paper only. A service the
Topic's `writers` lists is a declared writer (a reviewed exception), so its grant is not
flagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._broker import declared_writers, holder
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import ESTATE, Scope

CODE = "BR001"
SCOPE: Scope = ESTATE


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None:
        return
    seen: set[tuple[str, str]] = set()
    for grant in broker.write_grants:
        service = broker.service_of[grant.principal]
        if grant.wildcard or service is None or (grant.pattern, service) in seen:
            continue  # a wildcard is BR003's, an unmapped principal BR006's
        seen.add((grant.pattern, service))
        facts = interactions.topics.get(grant.pattern)
        writers = declared_writers(facts) if facts is not None else frozenset()
        if service in writers:
            continue
        declared = (
            f"its declared writer is {join_names(sorted(writers))}"
            if writers
            else "no service declares writing it"
        )
        yield Finding(
            code=CODE,
            message=(
                f"{holder(grant.principal, service)} is granted Write on topic '{grant.pattern}', "
                f"which {service} neither writes nor sends commands to ({declared}): remove "
                f"the grant, or list {service} in the Topic's `writers`"
            ),
            location=grant.location,
            entities={"topic": grant.pattern, "service": service},
        )
