"""BR002 write-without-grant: a service writes a topic (or sends commands to it) that no
write grant of its own matches, on a topic the broker configuration covers.

The declared writer will be refused in production. A topic the configuration never names
is left alone: its grants may live somewhere archlint was not shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import PRODUCES, TOPIC_COMMAND, Interactions
from archlint.registry import ESTATE, Scope

CODE = "BR002"
SCOPE: Scope = ESTATE


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None:
        return
    seen: set[tuple[str, str]] = set()
    for write in interactions.all:
        if write.kind not in (PRODUCES, TOPIC_COMMAND):
            continue
        service, topic = write.service.name, write.target
        if (service, topic) in seen:
            continue  # one finding per (service, topic), at its first entry
        seen.add((service, topic))
        if not broker.is_covered(topic) or broker.may_write(service, topic):
            continue
        verb = "writes" if write.kind == PRODUCES else "sends commands to"
        yield Finding(
            code=CODE,
            message=(
                f"{service} {verb} topic '{topic}', but no write grant of its own allows it, "
                f"so the broker will refuse it: grant the principal of "
                f"{service} Write on '{topic}', or map its principal to {service} with `principals:`"
            ),
            location=write.location,
            entities={"service": service, "topic": topic},
        )
