"""SW001 topic-multi-writer: a topic with no owner that two or more services write, beyond
the writers its Topic document allows.

Single writer: every topic has one service that writes it. Services listed in the Topic's
`writers` are a reviewed exception, so only the writers beyond that list count; a topic that
has an owner is SW003's business (a write by anyone else is a write to a foreign topic).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import first_produces, join_names, producers_by_topic
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "SW001"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for topic, streams in sorted(producers_by_topic(estate).items()):
        if estate.owners.get(topic):
            continue
        doc = estate.topic.get(topic)
        allowed = {w.value for w in doc.writers} if doc is not None and doc.writers else set()
        extra = sorted({s.name for s, _ in streams} - allowed)
        if len(extra) < 2:
            continue
        by_name = {s.name: s for s, _ in streams}
        for name in extra:
            others = join_names(n for n in extra if n != name)
            yield Finding(
                code=CODE,
                message=(
                    f"{name} writes topic '{topic}', which has no owner and is also written by "
                    f"{others}: make one service its owner (`owns`) and send it commands "
                    f"instead, or list the writers in the Topic's `writers`"
                ),
                location=first_produces(by_name[name], topic).location,
                entities={"topic": topic, "service": name},
            )
