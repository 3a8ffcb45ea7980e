"""CX002 cross-context-command: a synchronous command into another bounded context.

Clustered contexts talk to each other only through events: a synchronous command ties the
sender's availability and release cycle to another context. `global` does not excuse a
command (it is for rarely-changing services that are queried). Commands sent as messages on
a topic are asynchronous and never count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import COMMAND, Interactions
from archlint.registry import CALLER, Scope

CODE = "CX002"
SCOPE: Scope = CALLER


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for command in interactions.calls:
        target = command.target_service
        if command.kind != COMMAND or target is None or not command.crosses_context:
            continue
        service = command.service
        yield Finding(
            code=CODE,
            message=(
                f"{service.name} (context '{service.context}') sends command "
                f"'{command.name}' synchronously to {target.name} in context "
                f"'{target.context}': publish an event {target.name} reacts to, or send "
                f"the command as a message on a topic {target.name} owns"
            ),
            location=command.location,
            entities={"service": service.name, "target": target.name},
        )
