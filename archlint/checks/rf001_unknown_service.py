"""RF001 unknown-service: a call, Topic `owner` or Topic `writers` entry naming a service that
no manifest declares.

A dangling reference is a typo or a missing manifest; either way the graph, and every rule
that walks it, is incomplete. Calls carry `service` (the caller) and `target`; Topic
entries carry only `target`, as no service makes them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "RF001"


def _advice(estate: Estate, name: str) -> str:
    # difflib's ratio 2M/(a+b) reaches 0.8 only when 3*min(a, b) >= 2*max(a, b): compare
    # only names of such lengths (an estate has thousands, and difflib is slow).
    size = len(name)
    candidates = [n for n in estate.service if 3 * min(size, len(n)) >= 2 * max(size, len(n))]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
    if close:
        return f"fix the name (did you mean '{close[0]}'?), or add a manifest for '{name}'"
    return f"fix the name, or add a manifest for '{name}'"


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    known = estate.service
    for service in estate.services:
        for call in service.calls:
            if call.to is None or call.to in known:
                continue
            verb = "queries" if call.kind == "query" else "sends command to"
            yield Finding(
                code=CODE,
                message=(
                    f"{service.name} {verb} '{call.to}', which no manifest declares: "
                    f"{_advice(estate, call.to)}"
                ),
                location=call.location,
                entities={"service": service.name, "target": call.to},
            )
    for doc in estate.topics:
        named = [("owner", doc.owner)] if doc.owner is not None else []
        named += [("writer", w) for w in doc.writers or ()]
        for role, name in named:
            if name.value in known:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"the Topic document of '{doc.name}' names {role} '{name.value}', which no manifest "
                    f"declares: {_advice(estate, name.value)}"
                ),
                location=name.location,
                entities={"target": name.value},
            )
