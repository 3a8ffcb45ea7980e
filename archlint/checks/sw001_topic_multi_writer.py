"""SW001 topic-multi-writer: a topic with no owner that two or more services write, beyond
the writers its Topic document allows.

Single writer: every topic has one service that writes it. Services listed in the Topic's
`writers` are a reviewed exception, so only the writers beyond that list count; a topic that
has an owner is SW003's business (a write by anyone else is a write to a foreign topic).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import TOPIC, Scope

CODE = "SW001"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for topic in interactions.topics.values():
        if topic.owners or not topic.produces:
            continue
        extra = [w for w in topic.writers if w not in topic.listed_writers]
        if len(extra) < 2:
            continue
        for name in extra:
            first = next(p for p in topic.produces if p.service.name == name)
            others = join_names(n for n in extra if n != name)
            yield Finding(
                code=CODE,
                message=(
                    f"{name} writes topic '{topic.name}', which has no owner and is also written "
                    f"by {others}: make one service its owner (`owns`) and send it commands "
                    f"instead, or list the writers in the Topic's `writers`"
                ),
                location=first.location,
                entities={"topic": topic.name, "service": name},
            )
