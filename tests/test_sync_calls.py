"""SyncCalls (the plain-dict call graph the SY rules read) gives networkx's answers, in
networkx's orders, so the rules' findings do not depend on which one computed them."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from archlint.sync_calls import SyncCalls, mask_of, reach_closure


def _random_graph(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = sorted({f"s{rng.randrange(200):03d}" for _ in range(rng.randrange(1, 60))})
    edges = [
        (rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randrange(0, 3 * len(nodes)))
    ]
    return nodes, edges


@pytest.mark.parametrize("seed", range(60))
def test_same_components_condensation_and_order_as_networkx(seed: int) -> None:
    nodes, edges = _random_graph(random.Random(seed))
    calls = SyncCalls(nodes, edges)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)

    found = tuple(sorted((frozenset(c) for c in nx.strongly_connected_components(graph)), key=min))
    assert calls.components == found
    cond = nx.condensation(graph, scc=list(found))
    assert dict(calls.component_of) == cond.graph["mapping"]
    assert list(calls.component_of) == nodes  # node order, never set order
    assert calls.condensation_successors == tuple(tuple(cond.succ[n]) for n in cond)
    assert calls.condensation_predecessors == tuple(tuple(cond.pred[n]) for n in cond)
    assert calls.topological_order == tuple(nx.topological_sort(cond))
    assert list(calls.edges()) == list(graph.edges())
    assert calls.edge_count == graph.number_of_edges()
    assert all(calls.has_edge(a, b) for a, b in edges)


@pytest.mark.parametrize("seed", range(20))
def test_reach_closure_is_descendants_and_ancestors(seed: int) -> None:
    nodes, edges = _random_graph(random.Random(seed))
    calls = SyncCalls(nodes, edges)
    graph: nx.DiGraph[str] = nx.DiGraph(edges)
    graph.add_nodes_from(nodes)
    bit = {name: i for i, name in enumerate(nodes)}
    down = reach_closure(calls, bit, reverse=False)
    up = reach_closure(calls, bit, reverse=True)
    for name in nodes:
        node = calls.component_of[name]
        below = {name} | nx.descendants(graph, name) | set(calls.components[node])
        above = {name} | nx.ancestors(graph, name) | set(calls.components[node])
        assert mask_of(down[node]) == sum(1 << bit[n] for n in below)
        assert mask_of(up[node]) == sum(1 << bit[n] for n in above)


def test_a_deep_chain_does_not_recurse() -> None:
    nodes = [f"s{i:05d}" for i in range(20_000)]
    calls = SyncCalls(nodes, itertools.pairwise(nodes))
    assert len(calls.components) == len(nodes)
    assert calls.topological_order == tuple(range(len(nodes)))


def test_calls_to_unknown_services_are_dropped() -> None:
    calls = SyncCalls(["a", "b"], [("a", "b"), ("a", "ghost"), ("ghost", "a")])
    assert calls.successors == {"a": ("b",), "b": ()}
    assert calls.edge_count == 1
