"""SW002 event-type-multi-writer: one event type on one topic written by two or more services.

Single writer holds per event type too, even on a topic whose Topic document allows several
writers: each event type has one service that validates and evolves it. Only `produces`
entries that list their events count (an entry without `events` says nothing about types).

Location: the event's name in the `produces` entry of the first writer, by name, that is not
the topic's owner (the owner is the writer the event belongs with; the others intrude).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import join_names, producers_by_topic
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate, Location

CODE = "SW002"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for topic, streams in sorted(producers_by_topic(estate).items()):
        # event -> writer -> where that writer first names it (estate order = by name)
        writers: dict[str, dict[str, Location]] = {}
        for service, stream in streams:
            for event in stream.events or ():
                writers.setdefault(event.value, {}).setdefault(service.name, event.location)
        owner = estate.owner_of(topic)
        for event, where in sorted(writers.items()):
            if len(where) < 2:
                continue
            names = tuple(sorted(where))
            at = next((n for n in names if n != owner), names[0])
            yield Finding(
                code=CODE,
                message=(
                    f"event '{event}' on topic '{topic}' is written by {join_names(names)}: "
                    f"let one service write it, and have the others send that service a "
                    f"command or publish an event type of their own"
                ),
                location=where[at],
                entities={"topic": topic, "event": event, "services": names},
            )
