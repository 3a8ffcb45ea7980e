"""RF004 view-from-unconsumed-topic: a view built from a topic its service does not consume.

Event-carried state transfer: a local view is built from the events its service consumes.
A view source the service does not subscribe to is either a missing `consumes` entry or a
view that is really filled some other way (a remote query, a shared database).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "RF004"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for service in estate.services:
        consumed = {c.topic for c in service.consumes}
        for view in service.views:
            seen: set[str] = set()
            for source in view.sources:
                if source.value in consumed or source.value in seen:
                    continue
                seen.add(source.value)
                yield Finding(
                    code=CODE,
                    message=(
                        f"view '{view.name}' of {service.name} is built from topic "
                        f"'{source.value}', which {service.name} does not consume: add a "
                        f"`consumes` entry for '{source.value}', or remove it from `from`"
                    ),
                    location=source.location,
                    entities={"service": service.name, "view": view.name, "topic": source.value},
                )
