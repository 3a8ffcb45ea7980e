"""SY002 sync-chain-depth: a service whose longest chain of synchronous calls, each cycle
counted as one node, is longer than `max-depth` calls.

A synchronous call chain is only as available as the product of its links, and its latency
is their sum. The longest chain is a longest path in the condensation of the synchronous
call graph (each cycle collapsed to one node), found by one pass in reverse topological
order: O(V + E).

Entity `chain`: the service, then the service each call of its longest chain enters, cut to
the first `max-depth` + 1 calls: the part that proves the violation, so the identity of the
finding does not change when something further down the chain does. The message gives the
full length. Ties between equally long continuations go to the smallest service name.

Location: the service's first call (in file order) into the chain; a service whose chain
leaves its cycle through another member is located at its `metadata.name`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from archlint.checks._common import service_location
from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

CODE = "SY002"
DEFAULT_MAX_DEPTH = 3


def longest_chains(graph: EstateGraph) -> tuple[list[int], list[int | None], dict]:
    """Per condensation node: the number of calls of its longest chain, the next node of that
    chain, and per condensation edge the smallest-named service it enters."""
    comp_of = graph.sync_component_of
    entry: dict[tuple[int, int], str] = {}
    for caller, callee in graph.sync.edges():
        edge = (comp_of[caller], comp_of[callee])
        if edge[0] != edge[1] and (edge not in entry or callee < entry[edge]):
            entry[edge] = callee
    cond = graph.sync_condensation
    depth = [0] * cond.number_of_nodes()
    following: list[int | None] = [None] * cond.number_of_nodes()
    for node in reversed(graph.sync_topological_order):
        best = None
        for succ in cond.successors(node):
            key = (-depth[succ], entry[(node, succ)])
            if best is None or key < best:
                best, following[node] = key, succ
        if best is not None:
            depth[node] = 1 - best[0]
    return depth, following, entry


def check(estate: Estate, graph: EstateGraph, options: Mapping[str, Any]) -> Iterator[Finding]:
    max_depth = options.get("max-depth", DEFAULT_MAX_DEPTH)
    if isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 0:
        raise ValueError(f"SY002 option max-depth must be a whole number >= 0, not {max_depth!r}")
    if graph.sync.number_of_edges() <= max_depth:
        return  # no chain can be longer
    depth, following, entry = longest_chains(graph)
    comp_of = graph.sync_component_of
    for service in estate.services:
        node = comp_of[service.name]
        if depth[node] <= max_depth:
            continue
        first_hop = following[node]
        own = sorted(
            (c for c in service.synchronous_calls if comp_of.get(c.to) == first_hop),
            key=lambda c: c.location,
        )
        chain = [service.name, min(c.to for c in own) if own else entry[(node, first_hop)]]
        if own:
            location = min(c.location for c in own if c.to == chain[1])
        else:
            location = service_location(service)
        node = first_hop
        while len(chain) < max_depth + 2:
            succ = following[node]
            chain.append(entry[(node, succ)])
            node = succ
        shown = chain + ["..."] if depth[comp_of[service.name]] > max_depth + 1 else chain
        yield Finding(
            code=CODE,
            message=(
                f"{service.name} starts a chain of {depth[comp_of[service.name]]} synchronous "
                f"calls ({' -> '.join(shown)}), more than max-depth "
                f"{max_depth}: replace a call with an event or a local view"
            ),
            location=location,
            entities={"service": service.name, "chain": tuple(chain)},
        )
