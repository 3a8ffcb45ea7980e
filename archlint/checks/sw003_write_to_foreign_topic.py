"""SW003 write-to-foreign-topic: a service writes a topic that another service owns, and is
not in the Topic's `writers`.

Single writer: the owner is the one code path that validates and evolves the topic. Another
service that needs something written sends the owner a command instead. A service named in
any owner declaration (`owns` or the Topic's `spec.owner`) is not foreign; where those
declarations disagree, SW005 reports the conflict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import PRODUCES, Interactions
from archlint.registry import TOPIC, Scope

CODE = "SW003"
SCOPE: Scope = TOPIC


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for write in interactions.all:
        if write.kind != PRODUCES:
            continue
        service, topic = write.service.name, interactions.topics[write.target]
        if (service, topic.name) in seen:
            continue  # one finding per (service, topic), at its first entry
        seen.add((service, topic.name))
        if not topic.owners or service in topic.owners or service in topic.listed_writers:
            continue
        owner_text = join_names(topic.owners)
        yield Finding(
            code=CODE,
            message=(
                f"{service} writes topic '{topic.name}', which {owner_text} "
                f"{'owns' if len(topic.owners) == 1 else 'own'}: send {owner_text} a command "
                f"instead, or add {service} to the Topic's `writers`"
            ),
            location=write.location,
            entities={"service": service, "topic": topic.name},
        )
