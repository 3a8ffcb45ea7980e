"""RF001 unknown-service: a call, Topic `owner` or Topic `writers` entry naming a service that
no manifest declares.

A dangling reference is a typo or a missing manifest; either way the graph, and every rule
that walks it, is incomplete. Calls carry `service` (the caller) and `target`; Topic
entries carry only `target`, as no service makes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import NAMES, Scope
from archlint.similar import NameIndex

CODE = "RF001"
SCOPE: Scope = NAMES


def _advice(names: NameIndex, name: str) -> str:
    close = names.closest(name)
    if close is not None:
        return f"fix the name (did you mean '{close}'?), or add a manifest for '{name}'"
    return f"fix the name, or add a manifest for '{name}'"


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    estate = interactions.estate

    indexed: list[NameIndex] = []  # the service names, indexed on the first unknown one

    def advice(name: str) -> str:
        if not indexed:
            indexed.append(NameIndex(estate.service, cutoff=0.8))
        return _advice(indexed[0], name)

    for call in interactions.calls:
        if call.target_service is not None:
            continue
        verb = "queries" if call.kind == "query" else "sends command to"
        yield Finding(
            code=CODE,
            message=(
                f"{call.service.name} {verb} '{call.target}', which no manifest declares: "
                f"{advice(call.target)}"
            ),
            location=call.location,
            entities={"service": call.service.name, "target": call.target},
        )
    for doc in estate.topics:
        named = [("owner", doc.owner)] if doc.owner is not None else []
        named += [("writer", w) for w in doc.writers or ()]
        for role, name in named:
            if name.value in estate.service:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"the Topic document of '{doc.name}' names {role} '{name.value}', which no "
                    f"manifest declares: {advice(name.value)}"
                ),
                location=name.location,
                entities={"target": name.value},
            )
