"""Start-up stays small: `archlint lint` on a few manifests imports only what it uses.

A test of imports, not of time (timings belong to benchmarks). Each heavy module below is
imported only where it is needed: networkx by `Interactions.sync_graph` (the API, `archlint
impact`), Jinja2 by the report, Graphviz by the diagrams, and each input reader when a file
of its kind is read. A replay from the cache needs not even the manifest reader.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = (
    "networkx",
    "jinja2",
    "graphviz",
    "archlint.asyncapi",
    "archlint.eventcatalog.mapping",
    "archlint.eventcatalog.files",
    "archlint.backstage.files",
    "archlint.backstage.mapping",
    "archlint.diagram",
    "archlint.report",
    "archlint.formats.sarif",
    "xml.etree.ElementTree",
)

MANIFESTS = {
    "shop/context.yaml": (
        "apiVersion: archlint/v1\nkind: Context\nmetadata:\n  name: shop\n  owner: team-a\n"
    ),
    "shop/orders.yaml": (
        "apiVersion: archlint/v1\nkind: Service\nmetadata:\n  name: orders\n  context: shop\n"
        "  owner: team-a\nspec:\n  availability: 99.9\n  owns: [orders]\n"
        "  produces:\n    - topic: orders\n      events: [OrderPlaced]\n"
        "  queries:\n    - to: stock\n      name: GetStock\n"
    ),
    "shop/stock.yaml": (
        "apiVersion: archlint/v1\nkind: Service\nmetadata:\n  name: stock\n  context: shop\n"
        "  owner: team-a\nspec:\n  availability: 99.9\n"
        "  consumes:\n    - topic: orders\n      events: [OrderPlaced]\n"
        "  commands:\n    - to: orders\n      name: Reserve\n"
    ),
}

# printed by an exit handler: the console command ends the process without tearing it down,
# but runs the exit handlers (archlint.cli._end)
PROBE = """\
import atexit, sys
from archlint.cli import main
atexit.register(lambda: print("\\n".join(sorted(sys.modules)), file=sys.stderr))
main(sys.argv[1:])
"""


def _imported(tmp_path, *args: str) -> set[str]:
    env = {**os.environ, "ARCHLINT_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "lint", "estate", *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "SY001" in run.stdout  # the rules ran: orders and stock call each other
    return set(run.stderr.split())


@pytest.fixture
def estate(tmp_path):
    for name, text in MANIFESTS.items():
        path = tmp_path / "estate" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_lint_of_manifests_imports_no_heavy_module(estate):
    imported = _imported(estate, "--no-cache")
    assert "archlint.loader.documents" in imported  # the manifests were read
    assert sorted(m for m in HEAVY if m in imported) == []


def test_a_replay_from_the_cache_reads_no_file_either(estate):
    first = _imported(estate)
    replay = _imported(estate)
    assert "archlint.loader.documents" in first
    heavy = (*HEAVY, "archlint.loader.documents", "archlint.broker.readers")
    assert sorted(m for m in heavy if m in replay) == []


def test_the_readers_still_come_when_their_files_do(estate):
    api = estate / "estate" / "api.yaml"
    api.write_text(
        "asyncapi: 2.6.0\ninfo:\n  title: orders\n  version: 1.0.0\nchannels: {}\n",
        encoding="utf-8",
    )
    assert "archlint.asyncapi" in _imported(estate, "--no-cache")
