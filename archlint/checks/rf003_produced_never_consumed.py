"""RF003 produced-never-consumed: an event that no service consumes.

Receiver-driven routing means producers do not know their consumers, so an event nobody
subscribes to is not an error, just worth knowing: dead weight, or a consumer whose manifest
is missing. A consumer that lists no `events` takes every event on its topic. A `produces`
entry without `events` is only reported when nobody consumes the topic at all: then one
finding for the topic (entity `topic` only).

Location: the event's name in the first `produces` entry (writers by name) listing it; for
the topic-only finding, the first `produces` entry without `events`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import consumers_by_topic, producers_by_topic
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate, Location

CODE = "RF003"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    consumers = consumers_by_topic(estate)
    for topic, streams in sorted(producers_by_topic(estate).items()):
        subscriptions = consumers.get(topic, [])
        if any(c.events is None for _, c in subscriptions):
            continue  # someone takes every event on the topic
        consumed = {e.value for _, c in subscriptions for e in c.events or ()}
        listed: dict[str, tuple[Location, str]] = {}
        unlisted: tuple[Location, str] | None = None
        for service, stream in streams:
            if stream.events is None:
                unlisted = unlisted or (stream.location, service.name)
            for event in stream.events or ():
                listed.setdefault(event.value, (event.location, service.name))
        for event, (location, writer) in sorted(listed.items()):
            if event in consumed:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"no service consumes event '{event}' that {writer} writes on topic "
                    f"'{topic}': stop producing it, or add the manifest of the service that "
                    f"consumes it"
                ),
                location=location,
                entities={"topic": topic, "event": event},
            )
        if unlisted is not None and not subscriptions:
            location, writer = unlisted
            yield Finding(
                code=CODE,
                message=(
                    f"no service consumes topic '{topic}', which {writer} writes: stop "
                    f"producing it, or add the manifest of the service that consumes it"
                ),
                location=location,
                entities={"topic": topic},
            )
