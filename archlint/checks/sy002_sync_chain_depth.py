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

from archlint.catalogue import OptionValue
from archlint.checks._wording import service_location
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import SYNC, Scope

CODE = "SY002"
SCOPE: Scope = SYNC


def longest_chains(
    interactions: Interactions,
) -> tuple[list[int], list[int | None], dict[tuple[int, int], str]]:
    """Per condensation node: the number of calls of its longest chain, the next node of that
    chain, and per condensation edge the smallest-named service it enters."""
    comp_of = interactions.sync_component_of
    entry: dict[tuple[int, int], str] = {}
    calls = interactions.sync_calls
    for caller, callee in calls.edges():
        edge = (comp_of[caller], comp_of[callee])
        if edge[0] != edge[1] and (edge not in entry or callee < entry[edge]):
            entry[edge] = callee
    depth = [0] * len(calls.components)
    following: list[int | None] = [None] * len(calls.components)
    for node in reversed(calls.topological_order):
        best = None
        for succ in calls.condensation_successors[node]:
            key = (-depth[succ], entry[(node, succ)])
            if best is None or key < best:
                best, following[node] = key, succ
        if best is not None:
            depth[node] = 1 - best[0]
    return depth, following, entry


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    max_depth = int(options["max-depth"])  # declared and validated on the rule's page
    if interactions.sync_calls.edge_count <= max_depth:
        return  # no chain can be longer
    depth, following, entry = longest_chains(interactions)
    comp_of = interactions.sync_component_of
    for service in interactions.estate.services:
        node = comp_of[service.name]
        if depth[node] <= max_depth:
            continue
        first_hop = following[node]
        assert first_hop is not None  # a chain longer than 0 calls has a next node
        own = [
            c
            for c in interactions.by_service[service.name]
            if c.synchronous and comp_of.get(c.target) == first_hop
        ]
        chain = [service.name, min(c.target for c in own) if own else entry[(node, first_hop)]]
        if own:
            location = min(c.location for c in own if c.target == chain[1])
        else:
            location = service_location(service)
        node = first_hop
        while len(chain) < max_depth + 2:
            succ = following[node]
            assert succ is not None  # the chain is longer than max-depth
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
