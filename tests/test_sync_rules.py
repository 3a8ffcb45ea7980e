"""The synchronous-call rules against brute force on random call graphs.

SY001, SY002 and SY003 use linear-time graph work (the condensation, one pass in topological
order, reachable-set bitmasks); here each is compared with the obvious quadratic definition
(cycles from networkx, longest paths by recursion, products over `nx.descendants`) on many
small random estates, including big cycles, self-calls and near-tie availabilities.
"""

from __future__ import annotations

import itertools
import math
import random
from functools import cache

import networkx as nx
import pytest

from archlint.checks import sy001_sync_cycle, sy002_sync_chain_depth, sy003_availability_below_slo
from archlint.checks.sy003_availability_below_slo import _Products
from archlint.interactions import Interactions
from archlint.model import Call, Estate, Location, Service

AVAILABILITIES = [None, 100.0, 99.99, 99.95, 99.9, 99.5, 99.0, 0.0]


def random_estate(rng: random.Random, n: int) -> Estate:
    density = rng.choice([0.02, 0.05, 0.1, 0.3])
    services = []
    for i in range(n):
        path = f"s{i}.yaml"
        calls = [
            Call(rng.choice(["query", "command"]), "X", Location(path, 10 + k, 7), to=f"s{j}")
            for k, j in enumerate(j for j in range(n) if rng.random() < density)
        ]
        if rng.random() < 0.1:
            calls.append(Call("query", "Ghost", Location(path, 99, 7), to="ghost"))
        services.append(
            Service(
                name=f"s{i}",
                context="x",
                location=Location(path),
                path=path,
                availability=rng.choice(AVAILABILITIES),
                slo=rng.choice([None, 99.0, 99.5, 99.9, 99.95, 99.99, 100.0]),
                queries=tuple(c for c in calls if c.kind == "query"),
                commands=tuple(c for c in calls if c.kind == "command"),
                slo_location=Location(path, 5, 8),
            )
        )
    return Estate.build(services)


SEEDS = range(60)


@pytest.mark.parametrize("seed", SEEDS)
def test_sy001_reports_exactly_the_cycles(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, rng.randint(1, 25))
    graph = Interactions(estate)
    found = sorted(f.entities["services"] for f in sy001_sync_cycle.check(graph, {}))
    sync = graph.sync_graph
    expected = sorted(
        tuple(sorted(c))
        for c in nx.strongly_connected_components(sync)
        if len(c) > 1 or sync.has_edge(next(iter(c)), next(iter(c)))
    )
    assert found == expected


def _brute_depths(graph) -> dict[str, int]:
    """Longest chain per service: longest path in the condensation by plain recursion."""
    cond = nx.condensation(graph.sync_graph)
    mapping = cond.graph["mapping"]

    @cache
    def depth(node):
        return max((1 + depth(s) for s in cond.successors(node)), default=0)

    return {name: depth(mapping[name]) for name in graph.sync_graph.nodes}


@pytest.mark.parametrize("seed", SEEDS)
def test_sy002_depths_match_brute_force(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, rng.randint(1, 25))
    graph = Interactions(estate)
    max_depth = rng.randint(0, 4)
    depths = _brute_depths(graph)
    found = {
        f.entities["service"]: f
        for f in sy002_sync_chain_depth.check(graph, {"max-depth": max_depth})
    }
    assert set(found) == {s for s, d in depths.items() if d > max_depth}
    for service, finding in found.items():
        chain = finding.entities["chain"]
        assert chain[0] == service and len(chain) == max_depth + 2
        assert f"chain of {depths[service]} synchronous calls" in finding.message
        # consecutive names are in different strongly connected sets, each a real step
        comp = graph.sync_component_of
        for a, b in itertools.pairwise(chain):
            assert comp[a] != comp[b]
            assert nx.has_path(graph.sync_graph, a, b)
        # and every step keeps to a longest chain: depth drops by exactly one per call
        for k, name in enumerate(chain):
            assert depths[name] == depths[service] - k


def _brute_product(estate: Estate, graph, service: Service, assumed: float) -> float:
    reached = nx.descendants(graph.sync_graph, service.name) | {service.name}
    product = 1.0
    for name in reached:
        a = estate.service[name].availability
        product *= (assumed if a is None else a) / 100
    return product * 100


@pytest.mark.parametrize("seed", SEEDS)
def test_sy003_matches_brute_force_products(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, rng.randint(1, 25))
    graph = Interactions(estate)
    assumed = rng.choice([100, 99.9, 99.5])
    found = {
        f.entities["service"]
        for f in sy003_availability_below_slo.check(graph, {"assumed-availability": assumed})
    }
    expected = set()
    for s in estate.services:
        if s.slo is None:
            continue
        product = _brute_product(estate, graph, s, assumed)
        if not math.isclose(product, s.slo, rel_tol=0, abs_tol=1e-7):  # skip float near-ties
            if product < s.slo:
                expected.add(s.name)
        elif s.name in found:
            expected.add(s.name)
    assert found == expected


@pytest.mark.parametrize("seed", range(6))
def test_sy003_bit_plane_sums_agree_with_exact_products(seed):
    """Many distinct availabilities switch to summing logarithms through bit planes; its
    verdicts must equal the value-by-value products, near ties included."""
    rng = random.Random(seed)
    values = [round(rng.uniform(99.0, 100.0), 3) for _ in range(200)]
    values = [v for v in values if v < 100]
    by_bit = dict(enumerate(values))
    exact = _Products(by_bit, exact_value_limit=len(values))
    planes = _Products(by_bit, exact_value_limit=0)
    assert exact.exact and not planes.exact
    for _ in range(80):
        mask = rng.getrandbits(len(values))
        product = exact.exact_product(mask) * 100
        for slo in (
            product,
            product + 1e-12,
            product - 1e-12,
            product + 1e-6,
            product - 1e-6,
            99.0,
            50.0,
        ):
            below, percent = planes.is_below(mask, slo)
            assert below == exact.is_below(mask, slo)[0], (mask, slo)
            assert math.isclose(percent, product, rel_tol=1e-6)


def test_sy003_zero_availability_in_bit_plane_mode():
    values = [0.0] + [99.0 + i / 100 for i in range(60)]
    planes = _Products(dict(enumerate(values)), exact_value_limit=0)
    assert planes.is_below(0b1, 0.5) == (True, 0.0)
    assert planes.is_below(0b1, 0.0)[0] is False
    assert planes.is_below(0b10, 98.0)[0] is False


def test_reachability_matches_networkx():
    for seed in SEEDS[:20]:
        estate = random_estate(random.Random(seed), 20)
        index = Interactions(estate)
        for s in estate.services:
            down = nx.descendants(index.sync_graph, s.name) - {s.name}
            up = nx.ancestors(index.sync_graph, s.name) - {s.name}
            assert index.reaches(s.name) == tuple(sorted(down))
            assert index.reached_by(s.name) == tuple(sorted(up))


@pytest.mark.parametrize("seed", SEEDS[:40])
def test_sy003_names_the_weakest_services_it_reaches(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, rng.randint(1, 25))
    index = Interactions(estate)
    for finding in sy003_availability_below_slo.check(index, {"assumed-availability": 100}):
        name = finding.entities["service"]
        reached = nx.descendants(index.sync_graph, name) | {name}
        ranked = sorted(
            (estate.service[n].availability, n)
            for n in reached
            if estate.service[n].availability is not None and estate.service[n].availability < 100
        )[:3]
        if len(reached) > 1 and ranked:
            shown = ", ".join(f"{n} {sy003_availability_below_slo._number(v)}%" for v, n in ranked)
            assert f"(weakest: {shown})" in finding.message
