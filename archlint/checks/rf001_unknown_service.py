"""RF001 unknown-service: a call, Topic `owner` or Topic `writers` entry naming a service that
no manifest declares.

A dangling reference is a typo or a missing manifest; either way the graph, and every rule
that walks it, is incomplete. Calls carry `service` (the caller) and `target`; Topic
entries carry only `target`, as no service makes them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.findings import Finding
from archlint.interactions import Interactions
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


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    estate = interactions.estate
    for call in interactions.calls:
        if call.target_service is not None:
            continue
        verb = "queries" if call.kind == "query" else "sends command to"
        yield Finding(
            code=CODE,
            message=(
                f"{call.service.name} {verb} '{call.target}', which no manifest declares: "
                f"{_advice(estate, call.target)}"
            ),
            location=call.location,
            entities={"service": call.service.name, "target": call.target},
        )
    for doc in estate.topics:
        named = [("owner", doc.owner)] if doc.owner is not None else []
        named += [("writer", w) for w in doc.writers or ()]
        for role, name in named:
            if name.value in estate.service:
                continue
            yield Finding(
                code=CODE,
                message=(
                    f"the Topic document of '{doc.name}' names {role} '{name.value}', which no "
                    f"manifest declares: {_advice(estate, name.value)}"
                ),
                location=name.location,
                entities={"target": name.value},
            )
