"""How long does `archlint lint` take on an EventCatalog, next to merely parsing its frontmatter?

    python benchmarks/bench_catalogs.py [--services 1000] [--repeat 5] [--seed 0]
                                        [--check] [--max-ratio 2.0] [--keep DIR]

Generates an EventCatalog of `--services` services in a dozen domains (each service's
events in its own folder, some with an older version under `versioned/`, a channel per
service with an address, `sends` with and without `to`, `receives` with and without
`from`, commands to the services that receive them, domain pages listing their services),
then times, in one process and interleaved so both see the same machine load:

  parse  reading every page and parsing its frontmatter with PyYAML's C loader
         (yaml.load with CSafeLoader), the floor for any tool that reads the catalog;
  lint   the whole `archlint lint --format json` command, in-process through click.

Each is repeated and the best time kept, by wall clock and by CPU time. Prints both and
lint/parse; the target of issue 11 is 2x at 1,000 services. Not a unit test: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lint import lint_all, ratio_arguments, timed, verdict

DOMAINS = ("orders", "payments", "shipping", "catalogue", "customers", "billing", "stock",
           "pricing", "identity", "support", "marketing", "reporting")  # fmt: skip
VERBS = ("Created", "Updated", "Cancelled", "Approved", "Completed")


def _page(frontmatter: str, title: str) -> str:
    return f"---\n{frontmatter}---\n\n## {title}\n\nGenerated for the benchmark.\n\n<NodeGraph />\n"


def render(n: int, seed: int) -> dict[str, str]:
    """{relative path: text} of the catalog."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    names = [f"{DOMAINS[i % len(DOMAINS)]}-service-{i}" for i in range(n)]
    events = {name: [f"{name}-{v.lower()}" for v in rng.sample(VERBS, 2)] for name in names}
    commands = {name: f"{name}-do" for name in names if rng.random() < 0.2}
    for d, domain in enumerate(DOMAINS):
        listed = "".join(f"  - id: {name}\n" for name in names[d :: len(DOMAINS)])
        files[f"domains/{domain}/index.mdx"] = _page(
            f"id: {domain}\nname: {domain.title()}\nversion: 1.0.0\nowners: [team-{domain}]\n"
            f"services:\n{listed}",
            domain,
        )
    for i, name in enumerate(names):
        sends = "".join(
            f"  - id: {e}\n    version: 1.0.0\n    to:\n      - id: {name}-channel\n"
            if k == 0
            else f"  - id: {e}\n"
            for k, e in enumerate(events[name])
        )
        same = names[i % len(DOMAINS) :: len(DOMAINS)]
        others = [
            o for o in rng.sample(same, min(3, len(same))) + rng.sample(names, 2) if o != name
        ]
        receives = ""
        for k, other in enumerate(others):
            event = events[other][0]
            receives += f"  - id: {event}\n" + (
                f"    from:\n      - id: {other}-channel\n" if k % 2 == 0 else ""
            )
        targets = [o for o in same if o in commands and o != name][:1]
        sends += "".join(f"  - id: {commands[t]}\n" for t in targets)
        if name in commands:
            receives += f"  - id: {commands[name]}\n"
        files[f"services/{name}/index.mdx"] = _page(
            f"id: {name}\nname: Service {i}\nversion: 1.0.0\nsummary: Service number {i}.\n"
            f"owners:\n  - team-{DOMAINS[i % len(DOMAINS)]}\nbadges:\n  - content: generated\n"
            f"sends:\n{sends}receives:\n{receives or '  []'}\n".replace(
                "receives:\n  []\n", "receives: []\n"
            ),
            name,
        )
        files[f"channels/{name}-channel/index.mdx"] = _page(
            f"id: {name}-channel\nname: {name} channel\nversion: 1.0.0\naddress: {name.replace('-', '.')}.events\n",
            f"{name} channel",
        )
        for e in events[name]:
            folder = f"services/{name}/events/{e}"
            files[f"{folder}/index.mdx"] = _page(
                f"id: {e}\nname: {e}\nversion: 1.0.0\nsummary: An event.\n", e
            )
            if rng.random() < 0.25:
                files[f"{folder}/versioned/0.9.0/index.mdx"] = _page(
                    f"id: {e}\nname: {e}\nversion: 0.9.0\n", e
                )
        if name in commands:
            command = commands[name]
            files[f"services/{name}/commands/{command}/index.mdx"] = _page(
                f"id: {command}\nversion: 1.0.0\n", command
            )
    return files


def parse_all(paths: list[str]) -> int:
    """Read every page and parse its frontmatter with the C loader; returns the number parsed."""
    parsed = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        end = data.find(b"\n---", 3)
        yaml.load(data[4 : end + 1], Loader=yaml.CSafeLoader)
        parsed += 1
    return parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=1000, help="services (1000)")
    ratio_arguments(parser, max_ratio=2.0)
    parser.add_argument("--keep", help="write the catalog here and keep it")
    args = parser.parse_args(argv)
    if not getattr(yaml, "CSafeLoader", None):
        print("bench_catalogs: PyYAML has no C loader (libyaml) here", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="archlint-bench-catalogs-") as tmp:
        root = args.keep or os.path.join(tmp, "catalog")
        files = render(args.services, args.seed)
        for rel, text in files.items():
            path = Path(root, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(
            f"generated an EventCatalog of {args.services} services ({len(files)} pages), seed {args.seed}"
        )
        paths = sorted(str(Path(root, rel)) for rel in files)
        rounds = []
        for i in range(max(1, args.repeat)):
            parse_wall, parse_cpu, parsed = timed(parse_all, paths)
            lint_wall, lint_cpu, report = timed(lint_all, root)
            rounds.append((parse_wall, parse_cpu, lint_wall, lint_cpu))
            print(
                f"  round {i + 1}: parse {parse_wall:.3f}s (cpu {parse_cpu:.3f}s)  lint {lint_wall:.3f}s (cpu {lint_cpu:.3f}s)"
            )
        best = [min(r[k] for r in rounds) for k in range(4)]
        summary = report["summary"]
        codes = sorted({f["code"] for f in report["findings"]})
        print(
            f"pages {parsed}, services {summary['services']}; findings: {summary['error']} error, "
            f"{summary['warning']} warning, {summary['info']} info ({', '.join(codes)})"
        )
        if summary["services"] != args.services:
            print("bench_catalogs: not every service page became a service", file=sys.stderr)
            return 1
    return verdict(
        "bench_catalogs",
        {"wall": (best[0], best[2]), "cpu": (best[1], best[3])},
        args.clock,
        args.max_ratio,
        args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
