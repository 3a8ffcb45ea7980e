"""BR005 provisioned-topic-unused: the broker configuration declares a topic that no service
writes, reads or sends commands to.

Either a manifest is missing (the estate does not know who writes it) or the topic is a
leftover that still costs partitions and still accepts writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import ESTATE, Scope

CODE = "BR005"
SCOPE: Scope = ESTATE


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    broker = interactions.broker
    if broker is None:
        return
    for name, provision in broker.provisioned.items():
        facts = interactions.topics.get(name)
        if facts is not None and (
            facts.produces or facts.consumes or facts.commands or facts.view_sources
        ):
            continue
        yield Finding(
            code=CODE,
            message=(
                f"topic '{name}' is provisioned but no service writes, reads or sends commands "
                "to it: declare its writer and readers in their manifests, or remove the resource"
            ),
            location=provision.location,
            entities={"topic": name},
        )
