"""CX001 cross-context-query: a query into another bounded context whose target is not `global`.

Clustered contexts talk to each other only through events; a service that needs another
context's data keeps a local view built from its events (event-carried state transfer).
Queries inside a context, and queries to a declared `global` service, are fine. A query to a
service no manifest declares is RF001's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "CX001"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    for service in estate.services:
        for query in service.queries:
            target = estate.service.get(query.to) if query.to is not None else None
            if target is None or target.context == service.context or target.is_global:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"{service.name} (context '{service.context}') queries {target.name} in "
                    f"context '{target.context}': keep a local view built from "
                    f"the events of {target.name} instead, or mark {target.name} `global` if it "
                    f"rarely changes"
                ),
                location=query.location,
                entities={"service": service.name, "target": target.name},
            )
