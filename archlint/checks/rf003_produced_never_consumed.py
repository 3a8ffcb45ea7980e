"""RF003 produced-never-consumed: an event that no service consumes.

Receiver-driven routing means producers do not know their consumers, so an event nobody
subscribes to is not an error, just worth knowing: dead weight, or a consumer not written
yet. A consumer that lists no `events` takes every event on its topic. A `produces` entry
without `events` is only reported when nobody consumes the topic at all: then one finding
for the topic (entity `topic` only).

Location: the event's name in the first `produces` entry (writers by name) listing it; for
the topic-only finding, the first `produces` entry without `events`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import Location
from archlint.registry import TOPIC, Scope

CODE = "RF003"
SCOPE: Scope = TOPIC
ADVICE = "add it to a consumer's `events`, or drop it if nothing will ever need it"


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for topic in interactions.topics.values():
        if any(c.events is None for c in topic.consumes):
            continue  # someone takes every event on the topic
        consumed = {e.value for c in topic.consumes for e in c.events or ()}
        listed: dict[str, tuple[Location, str]] = {}
        unlisted: tuple[Location, str] | None = None
        for produce in topic.produces:
            if produce.events is None:
                unlisted = unlisted or (produce.location, produce.service.name)
            for named in produce.events or ():
                listed.setdefault(named.value, (named.location, produce.service.name))
        for event, (location, writer) in sorted(listed.items()):
            if event in consumed:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"no service consumes event '{event}' that {writer} writes on topic "
                    f"'{topic.name}' yet: {ADVICE}"
                ),
                location=location,
                entities={"topic": topic.name, "event": event},
            )
        if unlisted is not None and not topic.consumes:
            location, writer = unlisted
            yield Finding(
                code=CODE,
                message=(
                    f"no service consumes topic '{topic.name}', which {writer} writes, yet: add "
                    f"a `consumes` entry for it to a consumer, or drop it if nothing will ever "
                    f"need it"
                ),
                location=location,
                entities={"topic": topic.name},
            )
