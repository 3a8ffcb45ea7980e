"""SW005 owner-conflict: declarations that disagree on a topic's owner.

A topic's owner is whoever lists it in `owns`, or its Topic document's `spec.owner`. Two
services owning one topic, or an `owns` and a `spec.owner` naming different services, leave
single writer undefined.

Location: the first declaration, in file order, naming a different owner than the one taken
elsewhere (the first claimant by name): the dissenting declaration.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import Location
from archlint.registry import TOPIC, Scope

CODE = "SW005"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    conflicted = {t.name: t.owners for t in interactions.topics.values() if len(t.owners) > 1}
    if not conflicted:
        return
    # topic -> (location, claimed owner) of every owner declaration
    claims: dict[str, list[tuple[Location, str]]] = {t: [] for t in conflicted}
    for service in interactions.estate.services:
        for name in service.owns:
            if name.value in claims:
                claims[name.value].append((name.location, service.name))
    for doc in interactions.estate.topics:
        if doc.owner is not None and doc.name in claims:
            claims[doc.name].append((doc.owner.location, doc.owner.value))
    for topic, owners in sorted(conflicted.items()):
        location = min(loc for loc, who in claims[topic] if who != owners[0])
        yield Finding(
            code=CODE,
            message=(
                f"topic '{topic}' is declared owned by {join_names(owners)}: keep the one "
                f"owner in `owns` and in the Topic's `spec.owner`, and remove the others"
            ),
            location=location,
            entities={"topic": topic, "services": owners},
        )
