"""SW004 topic-without-owner: a written topic that nobody owns.

Single writer needs a declared owner: without one, nothing stops a second writer and nobody
is answerable for the topic's schema.

Location: the first `produces` entry of the topic's first writer by name, so that writer's
manifest, where `owns` would go, can also suppress it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import TOPIC, Scope

CODE = "SW004"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for topic in interactions.topics.values():
        if topic.owners or not topic.produces:
            continue
        first = topic.produces[0]  # estate order: the first writer by name
        if len(topic.writers) == 1:
            advice = f"add '{topic.name}' to the `owns` of {first.service.name}"
        else:
            advice = f"add '{topic.name}' to the `owns` of the one service that should write it"
        yield Finding(
            code=CODE,
            message=(
                f"topic '{topic.name}' is written by {join_names(topic.writers)} but owned by no "
                f"service: {advice}, or set the Topic's `spec.owner`"
            ),
            location=first.location,
            entities={"topic": topic.name},
        )
