"""How long do `archlint diff` and `archlint impact` take, next to one cold `archlint lint`?

    python benchmarks/bench_diff.py [--services 10000] [--repeat 3] [--seed 0] [--check]

Generates an estate (benchmarks/generate_estate.py) in a git repository in a temporary
folder, commits it, then commits a change to one manifest, and packs the objects (as a
clone has them).
Then times, in one process, interleaved, the best of --repeat rounds by wall clock:

  lint    `archlint lint --format json .`, cold (archlint keeps no cache between runs);
  diff    `archlint diff HEAD~1 HEAD --format json`: both revisions read from git objects,
          each loaded and checked, and the diff; the target is at most 2.5x lint;
  impact  `archlint impact NAME --format json` for the service whose outage takes down the
          most others (the largest search) and for the first service; the target is at
          most 1x lint.

Prints the times and the ratios diff/lint and impact/lint; with --check, exits 1 when
either is above its target. Not a unit test: timings belong to `make bench`.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_estate import generate

from archlint import api
from archlint.cli import cli
from archlint.impact import blast_radii

DIFF_TARGET = 2.5
IMPACT_TARGET = 1.0
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
}


def git(root: str, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "gc.auto=0", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
    )


def make_repository(root: str, services: int, seed: int) -> None:
    """The estate committed, then one manifest changed and committed."""
    generate(services, root, seed=seed)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "estate")
    path = next(Path(root).rglob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# a change to one file\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "one file")
    git(root, "repack", "-a", "-d", "-q")  # packed, as a clone is


def run(root: str, args: list[str]) -> str:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"archlint {' '.join(args)} exited {result.exit_code}:\n{result.output}")
    return result.output


def timed(root: str, args: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    run(root, args)
    return time.perf_counter() - start


def subjects(root: str) -> list[str]:
    """The service with the largest blast radius, and the first service."""
    loaded = api.lint(["."], cwd=root, baseline=False)
    radii = blast_radii(loaded.interactions).services
    widest = max(sorted(radii), key=lambda n: radii[n].size)
    return [widest, loaded.estate.services[0].name]


def measure(root: str, repeat: int) -> dict[str, float]:
    names = subjects(root)
    commands = {
        "lint": ["lint", "--format", "json", "."],
        "diff": ["diff", "HEAD~1", "HEAD", "--format", "json"],
        **{f"impact {n}": ["impact", n, ".", "--format", "json"] for n in names},
    }
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(repeat):
        for name, args in commands.items():
            best[name] = min(best[name], timed(root, args))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="exit 1 above a target")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archlint-bench-diff-") as root:
        make_repository(root, args.services, args.seed)
        best = measure(root, args.repeat)
    lint = best["lint"]
    print(f"{args.services} services, best of {args.repeat} (wall clock):")
    for name, seconds in best.items():
        print(f"  {name:<28} {seconds:7.2f} s   {seconds / lint:5.2f}x lint")
    diff_ratio = best["diff"] / lint
    impact_ratio = max(v for k, v in best.items() if k.startswith("impact")) / lint
    print(f"diff/lint   {diff_ratio:.2f} (target at most {DIFF_TARGET})")
    print(f"impact/lint {impact_ratio:.2f} (target at most {IMPACT_TARGET}), the slowest subject")
    over = diff_ratio > DIFF_TARGET or impact_ratio > IMPACT_TARGET
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
