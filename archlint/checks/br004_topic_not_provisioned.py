"""BR004 topic-not-provisioned: a topic of the estate that no provisioning resource
declares, where the broker configuration under the paths declares topics at all.

A topic the manifests rely on but the platform never creates either fails at the first
write or is auto-created with the broker's defaults, outside review.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._broker import topic_location
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import ESTATE, Scope

CODE = "BR004"
SCOPE: Scope = ESTATE


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None or not broker.declares_topics:
        return
    for name, facts in interactions.topics.items():
        if name in broker.provisioned:
            continue
        yield Finding(
            code=CODE,
            message=(
                f"topic '{name}' is used by the estate but no KafkaTopic, Terraform topic or "
                "Dapr `allowedTopics` entry declares it: provision it with the others"
            ),
            location=topic_location(interactions, facts),
            entities={"topic": name},
        )
