"""Does any phase of `archlint lint` grow faster than the estate? Times each phase at N and 2N.

    python benchmarks/bench_scaling.py [--services 5000] [--shape standard|dense]
                                       [--repeat 3] [--seed 0] [--check] [--max-growth 2.3]

Generates two estates (benchmarks/generate_estate.py), of N and 2N services, and times in
this process, with the garbage collector as `archlint lint` has it, each phase of a lint:

  load          reading, parsing, validating every file into the Estate (archlint.loader);
  interactions  the index every rule reads (archlint.interactions.Interactions);
  checks        every enabled rule, suppressions and sorting (archlint.engine.run_checks);
  output        the JSON document (archlint.formats, `--format json`).

Each phase's best of --repeat rounds (CPU time of this process: other work on the machine
stretches wall time, not this) at N and at 2N, and their ratio. A linear phase doubles; a
quadratic one quadruples. With --check, exits 1 when a phase's time grows more than
--max-growth (default 2.3) from N to 2N. Phases under 20 ms at 2N are shown, not judged:
at that size the clock's noise is larger than the work. Not a unit test (`make bench`).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_estate import SHAPES, generate

from archlint.api import rules_of
from archlint.config.settings import Config
from archlint.engine import LintResult, run_checks
from archlint.formats import render
from archlint.interactions import Interactions
from archlint.loader import load_paths

PHASES = ("load", "interactions", "checks", "output")
NOISE_FLOOR = 0.020  # seconds: below it, a ratio says nothing


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def phase_times(root: str) -> dict[str, float]:
    """CPU seconds of each phase of one lint of `root`, the collector off as in a lint."""
    config = Config()
    rules = rules_of(config)
    gc.collect()
    gc.disable()
    try:
        load_s, loaded = _cpu(lambda: load_paths([root]))
        index_s, interactions = _cpu(lambda: Interactions(loaded.estate))
        checks_s, findings = _cpu(lambda: run_checks(interactions, rules, config, loaded.findings))
        result = LintResult(loaded.estate, tuple(findings), rules=rules, index=interactions)
        output_s, _ = _cpu(lambda: render("json", result))
    finally:
        gc.enable()
    return dict(zip(PHASES, (load_s, index_s, checks_s, output_s), strict=True))


def best_of(root: str, repeat: int) -> dict[str, float]:
    rounds = [phase_times(root) for _ in range(repeat)]
    return {phase: min(r[phase] for r in rounds) for phase in PHASES}


def report(
    small: int, small_t: dict[str, float], large_t: dict[str, float], limit: float
) -> list[str]:
    """Print the table; return the phases that grew more than `limit`."""
    print(f"{'phase':<14}{small:>10,}{2 * small:>10,}   growth")
    over = []
    for phase in PHASES:
        a, b = small_t[phase], large_t[phase]
        growth = b / a if a > 0 else float("inf")
        judged = b >= NOISE_FLOOR
        flag = "" if not judged else ("  TOO FAST A GROWTH" if growth > limit else "")
        shown = f"{growth:.2f}x" if judged else f"{growth:.2f}x (too short to judge)"
        print(f"{phase:<14}{a:>9.3f}s{b:>9.3f}s   {shown}{flag}")
        if judged and growth > limit:
            over.append(phase)
    total_a, total_b = sum(small_t.values()), sum(large_t.values())
    print(f"{'total':<14}{total_a:>9.3f}s{total_b:>9.3f}s   {total_b / total_a:.2f}x")
    return over


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=5000, help="N, the smaller size (5000)")
    parser.add_argument("--shape", choices=SHAPES, default="standard", help="estate shape")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best counts (3)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a phase grows too fast")
    parser.add_argument("--max-growth", type=float, default=2.3, help="for --check (2.3)")
    args = parser.parse_args(argv)
    times = {}
    with tempfile.TemporaryDirectory(prefix="archlint-scaling-") as tmp:
        for size in (args.services, 2 * args.services):
            root = os.path.join(tmp, str(size))
            generate(size, root, args.seed, args.shape)
            times[size] = best_of(root, max(1, args.repeat))
    print(f"{args.shape} estate, seed {args.seed}, CPU seconds, best of {args.repeat}:")
    over = report(args.services, times[args.services], times[2 * args.services], args.max_growth)
    if args.check and over:
        print(
            f"bench_scaling: {', '.join(over)} grew more than {args.max_growth}x "
            "when the estate doubled",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
