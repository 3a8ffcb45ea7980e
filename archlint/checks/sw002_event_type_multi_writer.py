"""SW002 event-type-multi-writer: one event type on one topic written by two or more services.

Single writer holds per event type too, even on a topic whose Topic document allows several
writers: each event type has one service that validates and evolves it. Only `produces`
entries that list their events count (an entry without `events` says nothing about types).

Location: the event's name in the `produces` entry of the first writer, by name, that is not
the topic's owner (the owner is the writer the event belongs with; the others intrude).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import Location
from archlint.registry import TOPIC, Scope

CODE = "SW002"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for topic in interactions.topics.values():
        # event -> writer -> where that writer first names it (estate order = by name)
        writers: dict[str, dict[str, Location]] = {}
        for produce in topic.produces:
            for named in produce.events or ():
                writers.setdefault(named.value, {}).setdefault(produce.service.name, named.location)
        for event, where in sorted(writers.items()):
            if len(where) < 2:
                continue
            names = tuple(sorted(where))
            at = next((n for n in names if n != topic.owner), names[0])
            yield Finding(
                code=CODE,
                message=(
                    f"event '{event}' on topic '{topic.name}' is written by {join_names(names)}: "
                    f"let one service write it, and have the others send that service a "
                    f"command or publish an event type of their own"
                ),
                location=where[at],
                entities={"topic": topic.name, "event": event, "services": names},
            )
