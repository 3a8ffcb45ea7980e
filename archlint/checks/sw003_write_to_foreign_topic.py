"""SW003 write-to-foreign-topic: a service writes a topic that another service owns, and is
not in the Topic's `writers`.

Single writer: the owner is the one code path that validates and evolves the topic. Another
service that needs something written sends the owner a command instead. A service named in
any owner declaration (`owns` or the Topic's `spec.owner`) is not foreign; where those
declarations disagree, SW005 reports the conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import join_names
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "SW003"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for service in estate.services:
        seen: set[str] = set()
        for stream in service.produces:
            topic = stream.topic
            if topic in seen:
                continue  # one finding per (service, topic), at its first entry
            seen.add(topic)
            owners = estate.owners.get(topic, ())
            if not owners or service.name in owners:
                continue
            doc = estate.topic.get(topic)
            if doc is not None and doc.writers and service.name in {w.value for w in doc.writers}:
                continue
            owner_text = join_names(owners)
            yield Finding(
                code=CODE,
                message=(
                    f"{service.name} writes topic '{topic}', which {owner_text} "
                    f"{'owns' if len(owners) == 1 else 'own'}: send {owner_text} a command "
                    f"instead, or add {service.name} to the Topic's `writers`"
                ),
                location=stream.location,
                entities={"service": service.name, "topic": topic},
            )
