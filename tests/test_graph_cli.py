"""`archlint graph` on the samples: golden DOT, Mermaid and JSON, real SVG and PNG drawn by
Graphviz, the focus options, and the errors a user can act on.

Regenerate the golden files with `ARCHLINT_REGEN_GOLDEN=1 pytest tests/test_graph_cli.py`
and review the diff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import REPO, check_golden, run_cli

from archlint.loader import load_paths

GOLDEN = REPO / "tests" / "golden" / "graph"
SVG = "{http://www.w3.org/2000/svg}"
SHOP = "samples/shop-request-driven"
CLUSTERED = "samples/clustered-contexts"


@pytest.mark.parametrize(
    "name, args",
    [
        ("shop-request-driven.dot", [SHOP]),
        ("shop-request-driven.mmd", [SHOP, "--format", "mermaid"]),
        ("shop-request-driven.json", [SHOP, "--format", "json"]),
        ("shop-request-driven-contexts.dot", [SHOP, "--level", "context"]),
        ("shop-request-driven-contexts.mmd", [SHOP, "--level", "context", "--format", "mermaid"]),
        ("shop-request-driven-orders.dot", [SHOP, "--context", "orders"]),
        ("shop-request-driven-basket-2-hops.dot", [SHOP, "--service", "basket", "--hops", "2"]),
        ("clustered-contexts.dot", [CLUSTERED]),
        ("clustered-contexts.mmd", [CLUSTERED, "--format", "mermaid"]),
    ],
)
def test_golden_outputs(name, args):
    out = run_cli(["graph", *args], cwd=REPO)
    assert out.exit_code == 0, out.output
    check_golden(GOLDEN / name, out.output)


def test_output_is_the_same_whatever_the_working_order(tmp_path):
    first = run_cli(["graph", SHOP], cwd=REPO).output
    again = run_cli(["graph", SHOP], cwd=REPO).output
    assert first == again


@pytest.fixture(scope="module")
def shop_estate():
    return load_paths([str(REPO / SHOP)]).estate


def _svg(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def test_svg_has_one_cluster_per_context_and_every_service(tmp_path, shop_estate):
    out = tmp_path / "ctx.svg"
    res = run_cli(["graph", SHOP, "--format", "svg", "-o", str(out)], cwd=REPO)
    assert res.exit_code == 0, res.output
    root = _svg(out)
    groups = list(root.iter(f"{SVG}g"))
    clusters = [g for g in groups if g.get("class") == "cluster"]
    contexts = {s.context for s in shop_estate.services}
    assert len(clusters) == len(contexts) == 5
    assert {g.find(f"{SVG}title").text for g in clusters} == {f"cluster_{c}" for c in contexts}
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {s.name for s in shop_estate.services} <= texts
    # violations are red and labelled with their codes
    red = [
        g
        for g in groups
        if g.get("class") == "edge"
        and any(p.get("stroke") == "#c0161d" for p in g.iter(f"{SVG}path"))
    ]
    assert red and {"CX001", "CX002", "SW001", "SW002 SW003"} <= texts


def test_svg_of_the_clustered_sample_marks_the_global_service(tmp_path):
    out = tmp_path / "ctx.svg"
    assert run_cli(["graph", CLUSTERED, "--format", "svg", "-o", str(out)], cwd=REPO).exit_code == 0
    root = _svg(out)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "«global»" in texts and "sso" in texts
    clusters = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
    assert len(clusters) == 4  # finance, identity, logistics, retail
    red = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#c0161d"]
    assert not red  # the sample is clean


def test_png_is_drawn_by_graphviz(tmp_path):
    out = tmp_path / "ctx.png"
    res = run_cli(["graph", CLUSTERED, "-o", str(out)], cwd=REPO)  # format from the extension
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


@pytest.mark.parametrize(
    "ext, start",
    [
        (".dot", "digraph "),
        (".gv", "digraph "),
        (".mmd", "%% archlint"),
        (".json", "{"),
        (".svg", "<?xml"),
    ],
)
def test_format_follows_the_output_files_extension(tmp_path, ext, start):
    out = tmp_path / f"diagram{ext}"
    assert run_cli(["graph", SHOP, "-o", str(out)], cwd=REPO).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_json_lists_nodes_and_edges(shop_estate):
    data = json.loads(run_cli(["graph", SHOP, "--format", "json"], cwd=REPO).output)
    assert data["version"] == 1 and data["level"] == "service"
    services = {n["name"] for n in data["nodes"] if n["kind"] == "service"}
    assert services == {s.name for s in shop_estate.services}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    red = {(e["source"], e["target"]): e["rules"] for e in data["edges"] if e["rules"]}
    assert red[("s:basket", "s:catalogue")] == ["CX001"]
    assert red[("s:payments", "t:orders")] == ["SW002", "SW003"]


def test_focus_on_a_context_and_on_a_service():
    focus = run_cli(["graph", SHOP, "--context", "payments", "--format", "json"], cwd=REPO)
    data = json.loads(focus.output)
    collapsed = sorted(n["name"] for n in data["nodes"] if n["collapsed"])
    assert collapsed == ["orders", "shipments"]
    hops = json.loads(
        run_cli(
            ["graph", SHOP, "--service", "fraud-check", "--hops", "1", "--format", "json"], cwd=REPO
        ).output
    )
    assert sorted(n["name"] for n in hops["nodes"] if n["kind"] == "service") == [
        "fraud-check",
        "payments",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--context", "order"], "no context named 'order' in the estate; did you mean 'orders'?"),
        (["--service", "nobody"], "no service named 'nobody' in the estate"),
        (["--context", "orders", "--service", "orders"], "give --context or --service, not both"),
        (["--hops", "-1", "--service", "orders"], "Invalid value for '--hops'"),
        (["--format", "gif"], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args, message):
    res = run_cli(["graph", SHOP, *args], cwd=REPO)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_missing_graphviz_is_a_usage_error_that_says_what_to_do(tmp_path):
    env = {"PATH": str(tmp_path)}  # no `dot` anywhere on it
    res = run_cli(
        ["graph", SHOP, "--format", "svg", "-o", str(tmp_path / "x.svg")], cwd=REPO, env=env
    )
    assert res.exit_code == 2
    assert "Graphviz `dot` was not found" in res.output and "--format dot" in res.output
    res = run_cli(["graph", SHOP, "--format", "dot"], cwd=REPO, env=env)  # DOT needs no Graphviz
    assert res.exit_code == 0 and res.output.startswith("digraph ")


def test_unwritable_output_is_a_usage_error(tmp_path):
    res = run_cli(["graph", SHOP, "-o", str(tmp_path / "missing" / "x.dot")], cwd=REPO)
    assert res.exit_code == 2 and "cannot write" in res.output


def test_the_readme_image_is_the_tools_output():
    """docs/images/clustered-contexts.png is committed, made by the command the doc shows."""
    image = REPO / "docs" / "images" / "clustered-contexts.png"
    assert image.exists() and image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    script = (REPO / "docs" / "diagrams.md").read_text(encoding="utf-8")
    assert (
        "archlint graph samples/clustered-contexts --format png -o docs/images/clustered-contexts.png"
        in script
    )
    assert os.path.getsize(image) > 20_000


def test_png_to_standard_output_when_it_is_not_a_terminal():
    res = run_cli(["graph", SHOP, "--format", "png"], cwd=REPO)
    assert res.exit_code == 0 and res.stdout_bytes[:8] == b"\x89PNG\r\n\x1a\n"


def test_mermaid_warns_past_what_github_draws(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_estate
    finally:
        sys.path.pop(0)
    generate_estate.generate(300, str(tmp_path / "estate"))
    res = run_cli(
        ["graph", str(tmp_path / "estate"), "--format", "mermaid", "--no-bundle"], cwd=REPO
    )
    assert res.exit_code == 0
    assert "GitHub draws Mermaid diagrams of at most 500" in res.stderr
    focused = run_cli(
        ["graph", str(tmp_path / "estate"), "--format", "mermaid", "--context", "accounts"],
        cwd=REPO,
    )
    assert "at most 500" not in focused.stderr and focused.stdout.startswith(
        "%% archlint: context accounts"
    )


def test_a_300_service_estate_is_drawn_about_as_wide_as_tall():
    from helpers.model_estates import generated, result

    from archlint.diagram.build import build
    from archlint.diagram.dot import to_dot

    r = result(generated(300))
    for level in ("service", "context"):
        # Plain `dot` never finished such an estate; the timeout catches that hang coming
        # back (the speed itself is measured by benchmarks/bench_report.py, not here).
        svg = subprocess.run(
            ["dot", "-Tsvg"],
            input=to_dot(build(r.interactions, r.findings, level=level)).encode(),
            capture_output=True,
            check=True,
            timeout=300,
        ).stdout
        root = ET.fromstring(svg)
        width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
        assert 0.5 < width / height < 2.5, (level, width, height)
        clusters = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
        assert len(clusters) == (
            len({s.context for s in r.estate.services}) if level == "service" else 0
        )
