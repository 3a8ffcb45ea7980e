"""RF002 consumed-never-produced: a consumed topic that no service writes nor sends commands
to; or a consumed event type that none of the topic's writers lists, where they all list
their events.

Receiver-driven routing only works if something arrives: a subscription to a topic nothing
writes, or to an event type nobody produces, is a typo or a missing producer. A command sent
to a topic counts as something arriving there (its name as the type that arrives), though
it is never a write. Event types are only checked where every `produces` entry on the topic
lists its events, since an entry without `events` may carry anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import join_names, producers_by_topic
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "RF002"


def _arriving(estate: Estate) -> dict[str, set[str] | None]:
    """Topic -> the names of everything that arrives on it (None: anything may)."""
    arriving: dict[str, set[str] | None] = {}
    for topic, streams in producers_by_topic(estate).items():
        if any(p.events is None for _, p in streams):
            arriving[topic] = None
        else:
            arriving[topic] = {e.value for _, p in streams for e in p.events}
    for service in estate.services:
        for command in service.commands:
            if command.topic is not None:
                names = arriving.setdefault(command.topic, set())
                if names is not None:
                    names.add(command.name)
    return arriving


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    arriving = _arriving(estate)
    for service in estate.services:
        for stream in service.consumes:
            topic = stream.topic
            if topic not in arriving:
                yield Finding(
                    code=CODE,
                    message=(
                        f"{service.name} consumes topic '{topic}', which no service writes "
                        f"nor sends commands to: fix the topic name, or add the manifest of "
                        f"the service that writes it"
                    ),
                    location=stream.location,
                    entities={"service": service.name, "topic": topic},
                )
                continue
            names = arriving[topic]
            if names is None or stream.events is None:
                continue
            writers = estate.writers.get(topic, ())
            source = (
                f"none of its writers ({join_names(writers)}) lists"
                if writers
                else "no command sent to it names"
            )
            seen: set[str] = set()
            for event in stream.events:
                if event.value in names or event.value in seen:
                    continue
                seen.add(event.value)
                yield Finding(
                    code=CODE,
                    message=(
                        f"{service.name} consumes event '{event.value}' on topic '{topic}', "
                        f"which {source}: fix the event name, or add it to the events its "
                        f"writer produces"
                    ),
                    location=event.location,
                    entities={"service": service.name, "topic": topic, "event": event.value},
                )
