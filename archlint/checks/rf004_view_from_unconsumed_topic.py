"""RF004 view-from-unconsumed-topic: a view built from a topic its service does not consume.

Event-carried state transfer: a local view is built from the events its service consumes.
A view source the service does not subscribe to is either a missing `consumes` entry or a
view that is really filled some other way (a remote query, a shared database).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import VIEW_SOURCE, Interactions
from archlint.registry import TOPIC, Scope

CODE = "RF004"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    seen: set[tuple[str, str, str]] = set()
    for source in interactions.all:
        if source.kind != VIEW_SOURCE:
            continue
        service, topic = source.service.name, source.target
        if service in interactions.topics[topic].readers or (service, source.name, topic) in seen:
            continue
        seen.add((service, source.name, topic))
        yield Finding(
            code=CODE,
            message=(
                f"view '{source.name}' of {service} is built from topic '{topic}', which "
                f"{service} does not consume: add a `consumes` entry for '{topic}', or remove "
                f"it from `from`"
            ),
            location=source.location,
            entities={"service": service, "view": source.name, "topic": topic},
        )
