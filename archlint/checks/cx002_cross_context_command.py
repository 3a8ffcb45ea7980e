"""CX002 cross-context-command: a synchronous command into another bounded context.

Clustered contexts talk to each other only through events: a synchronous command ties the
sender's availability and release cycle to another context. `global` does not excuse a
command (it is for rarely-changing services that are queried). Commands sent as messages on
a topic are asynchronous and never count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "CX002"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for service in estate.services:
        for command in service.commands:
            target = estate.service.get(command.to) if command.to is not None else None
            if target is None or target.context == service.context:
                continue
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
