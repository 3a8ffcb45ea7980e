"""CX001 cross-context-query: a query into another bounded context whose target is not `global`.

Clustered contexts talk to each other only through events; a service that needs another
context's data keeps a local view built from its events (event-carried state transfer).
Queries inside a context, and queries to a declared `global` service, are fine. A query to a
service no manifest declares is RF001's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import QUERY, Interactions
from archlint.registry import CALLER, Scope

CODE = "CX001"
SCOPE: Scope = CALLER


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for query in interactions.calls:
        target = query.target_service
        if query.kind != QUERY or target is None or not query.crosses_context or target.is_global:
            continue
        service = query.service
        yield Finding(
            code=CODE,
            message=(
                f"{service.name} (context '{service.context}') queries '{query.name}' from "
                f"{target.name} in context '{target.context}': keep a local view built from "
                f"the events of {target.name} instead, or mark {target.name} `global` if it "
                f"rarely changes"
            ),
            location=query.location,
            entities={"service": service.name, "target": target.name},
        )
