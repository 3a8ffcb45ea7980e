"""SW004 topic-without-owner: a written topic that nobody owns.

Single writer needs a declared owner: without one, nothing stops a second writer and nobody
is answerable for the topic's schema.

Location: the first `produces` entry of the topic's first writer by name, so that writer's
manifest, where `owns` would go, can also suppress it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import join_names, producers_by_topic
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "SW004"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for topic, streams in sorted(producers_by_topic(estate).items()):
        if estate.owners.get(topic):
            continue
        writers = sorted({s.name for s, _ in streams})
        first_service, first_stream = streams[0]  # estate order: the first writer by name
        if len(writers) == 1:
            advice = f"add '{topic}' to the `owns` of {first_service.name}"
        else:
            advice = f"add '{topic}' to the `owns` of the one service that should write it"
        yield Finding(
            code=CODE,
            message=(
                f"topic '{topic}' is written by {join_names(writers)} but owned by no "
                f"service: {advice}, or set the Topic's `spec.owner`"
            ),
            location=first_stream.location,
            entities={"topic": topic},
        )
