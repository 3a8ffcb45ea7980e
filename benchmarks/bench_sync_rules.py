"""Benchmark the synchronous-call rules (SY001 sync-cycle, SY002 sync-chain-depth,
SY003 availability-below-slo) on generated estates of 1,000 to 10,000 services.

    .venv/bin/python benchmarks/bench_sync_rules.py            # every shape and size
    .venv/bin/python benchmarks/bench_sync_rules.py --sizes 1000 2000 --shapes chain

Estates are built from model objects directly (no YAML), so only the graph work is timed.
Shapes of the synchronous call graph:

- realistic:   contexts of ~12 services in layers; each calls 0-3 services in lower layers of
               its context and sometimes a shared platform service; a few small cycles; a
               handful of availability values; a third of the services have an slo.
- chain:       one call chain through every service (s0 -> s1 -> ... -> sN); every service
               has an slo: SY002 reports nearly all of them, SY003 masks grow to N bits.
- cycle:       every service in one strongly connected set (a ring plus random chords).
- dense-dag:   each service calls 8 random later services; every availability distinct
               (forces SY003's bit-plane summation) and every service has an slo.

For each shape it prints the CPU seconds (process time, the least of --repeats runs, so other
load on the machine hardly counts) of the interaction index (including the condensation, its
topological order and the reachability masks, shared by the checks) and of each check per size, and the ratio between
consecutive sizes: near 2.0 per doubling (2.5 from 2,000 to 5,000) means linear.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archlint.checks import sy001_sync_cycle, sy002_sync_chain_depth, sy003_availability_below_slo
from archlint.interactions import Interactions
from archlint.model import Call, Estate, Location, Service

CHECKS = {
    "SY001": sy001_sync_cycle,
    "SY002": sy002_sync_chain_depth,
    "SY003": sy003_availability_below_slo,
}
OPTIONS = {"max-depth": 3, "assumed-availability": 100}


def _service(
    i: int, calls: list[int], context: str, availability: float | None, slo: float | None
) -> Service:
    name = f"s{i:05d}"
    path = f"services/{name}.yaml"
    queries = tuple(
        Call("query", f"Get{j}", Location(path, 10 + k, 7), to=f"s{j:05d}")
        for k, j in enumerate(calls)
    )
    return Service(
        name=name,
        context=context,
        location=Location(path, 1, 1),
        path=path,
        availability=availability,
        slo=slo,
        queries=queries,
        name_location=Location(path, 4, 9),
        slo_location=Location(path, 8, 8),
    )


def realistic(n: int, rng: random.Random) -> Estate:
    values = [99.9, 99.95, 99.99, 99.5, None]
    size = 12
    services = []
    for i in range(n):
        ctx, pos = divmod(i, size)
        base = ctx * size
        lower = [base + p for p in range(pos + 1, min(size, n - base))]
        calls = rng.sample(lower, min(len(lower), rng.randint(0, 3)))
        if ctx % 10 == 0 and pos == size - 1:
            calls.append(base + size - 2)  # the odd back edge: a small cycle in a context
        if ctx % 10 == 0 and pos == size - 2 and base + size - 1 not in calls and i + 1 < n:
            calls.append(base + size - 1)
        if rng.random() < 0.05 and i != 0:
            calls.append(0)  # a shared platform service
        services.append(
            _service(
                i, calls, f"ctx{ctx}", rng.choice(values), 99.5 if rng.random() < 0.33 else None
            )
        )
    return Estate.build(services)


def chain(n: int, rng: random.Random) -> Estate:
    return Estate.build(
        _service(i, [i + 1] if i + 1 < n else [], "c", 99.999, 99.0) for i in range(n)
    )


def cycle(n: int, rng: random.Random) -> Estate:
    services = []
    for i in range(n):
        calls = [(i + 1) % n] + [rng.randrange(n) for _ in range(2)]
        services.append(_service(i, sorted(set(calls) - {i}), "c", 99.99, 99.0))
    return Estate.build(services)


def dense_dag(n: int, rng: random.Random) -> Estate:
    services = []
    for i in range(n):
        later = range(i + 1, n)
        calls = rng.sample(later, min(8, len(later)))
        services.append(_service(i, calls, "c", 99.0 + i / (n * 1.0001), 90.0))
    return Estate.build(services)


SHAPES = {"realistic": realistic, "chain": chain, "cycle": cycle, "dense-dag": dense_dag}


def _cpu_seconds(work, repeats: int) -> tuple[float, object]:
    """The least CPU time of `repeats` runs (process time: other load on the machine does
    not count), and the last result."""
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
    return best, result


def _graph(estate: Estate) -> Interactions:
    """The interaction index with the caches the checks share: the condensation, its order
    and the reachability masks."""
    index = Interactions(estate)
    index.sync_component_of, index.sync_topological_order  # noqa: B018 (the shared caches)
    if estate.services:
        index.reach_mask(estate.services[0].name)
    return index


def measure(estate: Estate, repeats: int) -> tuple[dict[str, float], dict[str, int]]:
    times, counts = {}, {}
    times["graph"], graph = _cpu_seconds(lambda: _graph(estate), repeats)
    for code, module in CHECKS.items():
        times[code], found = _cpu_seconds(
            lambda module=module: list(module.check(graph, OPTIONS)), repeats
        )
        counts[code] = len(found)
    return times, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the least counts")
    args = parser.parse_args()
    columns = ["graph", *CHECKS]
    for shape in args.shapes:
        print(f"\n{shape}")
        print(f"{'services':>9} " + " ".join(f"{c:>16}" for c in columns) + "   findings")
        previous: dict[str, float] | None = None
        for n in args.sizes:
            times, counts = measure(SHAPES[shape](n, random.Random(n)), args.repeats)
            cells = []
            for c in columns:
                ratio = f"(x{times[c] / previous[c]:.1f})" if previous and previous[c] > 0 else ""
                cells.append(f"{times[c]:8.3f}s {ratio:>7}")
            found = " ".join(f"{code}={counts[code]}" for code in CHECKS)
            print(f"{n:>9} " + " ".join(cells) + f"   {found}")
            previous = times


if __name__ == "__main__":
    main()
