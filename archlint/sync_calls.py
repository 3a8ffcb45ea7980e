"""The synchronous call graph in plain dicts and tuples: what the SY rules read.

networkx costs ~60 ms to import, more than the rest of a small lint; the rules need only
successors, strongly connected sets, the condensation and a topological order, so those are
computed here (O(V + E)). Every order is the one networkx gives for the same graph, so
`Interactions.sync_graph` (networkx, for the API and `archlint impact`) and this agree.

Pure: a function of the edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import reduce
from operator import or_
from types import MappingProxyType

Reach = frozenset[int] | int  # the bits of services reached: a few as a set, many as a mask


class SyncCalls:
    """A directed graph over service names: `successors[name]` in first-call order.

    `nodes` fixes every order (the estate's: services by name); an edge whose end is not a
    node is dropped, as a call to an undeclared service is.
    """

    def __init__(self, nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> None:
        succ: dict[str, dict[str, None]] = {node: {} for node in nodes}
        for caller, callee in edges:
            if caller in succ and callee in succ:
                succ[caller][callee] = None
        self.successors: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {node: tuple(callees) for node, callees in succ.items()}
        )
        self.edge_count: int = sum(len(callees) for callees in succ.values())
        self.components: tuple[frozenset[str], ...] = tuple(
            sorted(_strongly_connected(self.successors), key=min)
        )
        self.component_of: Mapping[str, int] = MappingProxyType(
            _component_index(self.successors, self.components)
        )
        down, up = _condensation(self.successors, self.component_of, len(self.components))
        self.condensation_successors: tuple[tuple[int, ...], ...] = down
        self.condensation_predecessors: tuple[tuple[int, ...], ...] = up
        self.topological_order: tuple[int, ...] = _topological_order(down, up)

    def edges(self) -> Iterable[tuple[str, str]]:
        """(caller, callee) per edge: by caller in node order, then in first-call order."""
        return ((node, callee) for node, callees in self.successors.items() for callee in callees)

    def has_edge(self, caller: str, callee: str) -> bool:
        return callee in self.successors.get(caller, ())


def _component_index(
    successors: Mapping[str, tuple[str, ...]], components: tuple[frozenset[str], ...]
) -> dict[str, int]:
    index = {name: i for i, members in enumerate(components) for name in members}
    return {name: index[name] for name in successors}  # node order, never set order


def _strongly_connected(successors: Mapping[str, tuple[str, ...]]) -> Iterable[frozenset[str]]:
    """Tarjan's strongly connected sets, iteratively (a deep call chain must not recurse)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in successors:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors[root]))]
        while work:
            node, callees = work[-1]
            for callee in callees:
                if callee not in index:
                    index[callee] = low[callee] = len(index)
                    stack.append(callee)
                    on_stack.add(callee)
                    work.append((callee, iter(successors[callee])))
                    break
                if callee in on_stack:
                    low[node] = min(low[node], index[callee])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    yield frozenset(members)


def _condensation(
    successors: Mapping[str, tuple[str, ...]], component_of: Mapping[str, int], size: int
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Per strongly connected set, the sets it calls and the sets calling it, in the order
    `networkx.condensation` adds its edges (by caller in node order, then first call)."""
    down: list[dict[int, None]] = [{} for _ in range(size)]
    up: list[dict[int, None]] = [{} for _ in range(size)]
    for caller, callees in successors.items():
        source = component_of[caller]
        for callee in callees:
            target = component_of[callee]
            if target != source:
                down[source][target] = None
                up[target][source] = None
    return tuple(tuple(d) for d in down), tuple(tuple(u) for u in up)


def _topological_order(
    down: tuple[tuple[int, ...], ...], up: tuple[tuple[int, ...], ...]
) -> tuple[int, ...]:
    """Each set before every set it calls: `networkx.topological_sort`'s order (generations
    of sets nobody left calls, each in the order its members were freed)."""
    waiting = [len(callers) for callers in up]
    generation = [node for node, count in enumerate(waiting) if count == 0]
    order: list[int] = []
    while generation:
        order.extend(generation)
        freed = []
        for node in generation:
            for succ in down[node]:
                waiting[succ] -= 1
                if waiting[succ] == 0:
                    freed.append(succ)
        generation = freed
    return tuple(order)


def mask_of(bits: Reach) -> int:
    return bits if isinstance(bits, int) else sum(1 << b for b in bits)


def reach_closure(calls: SyncCalls, bit: Mapping[str, int], reverse: bool) -> tuple[Reach, ...]:
    """Per strongly connected set, the bits of the services it holds and reaches (or that
    reach it), in one pass over the condensation: a set while few (a mask is as long as
    the estate: one per set was quadratic memory), a mask past a 320th of the estate."""
    dense_from = max(64, len(bit) // 320)
    reach: list[Reach] = [0] * len(calls.components)
    order = calls.topological_order if reverse else reversed(calls.topological_order)
    neighbours = calls.condensation_predecessors if reverse else calls.condensation_successors
    for node in order:
        own = frozenset(bit[m] for m in calls.components[node])
        parts = [reach[o] for o in neighbours[node]]
        sets = [p for p in parts if isinstance(p, frozenset)]
        fits = len(sets) == len(parts) and len(union := own.union(*sets)) <= dense_from
        reach[node] = union if fits else reduce(or_, map(mask_of, parts), mask_of(own))
    return tuple(reach)
