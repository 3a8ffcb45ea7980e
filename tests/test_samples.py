"""The samples: each one's exact findings (golden files), their story, and determinism.

Golden files are `archlint lint samples/<name> --format json` (and the text format), run
from a copy of the sample so that the repository's own configuration cannot change them.
Regenerate after a deliberate change, then review the diff:

    ARCHLINT_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_samples.py
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from helpers import REPO, check_golden, run_cli

SAMPLES = REPO / "samples"
GOLDEN = REPO / "tests" / "golden" / "samples"
NAMES = ("clustered-contexts", "shop-event-driven", "shop-request-driven")
CLEAN = ("clustered-contexts", "shop-event-driven")


def sample_files(name: str) -> list[Path]:
    """Every file of the sample (manifests and README), relative to the sample's folder."""
    root = SAMPLES / name
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def copy_sample(name: str, root: Path, order: list[Path] | None = None) -> Path:
    """Copy samples/<name> to root/samples/<name>, creating files in the given order."""
    dest = root / "samples" / name
    for rel in order if order is not None else sample_files(name):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / name / rel, dest / rel)
    return root


def lint(root: Path, name: str, fmt: str):
    return run_cli(["lint", f"samples/{name}", "--format", fmt], cwd=root)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """name -> (json result, text result), linted once per sample from a copy."""
    results = {}
    for name in NAMES:
        root = copy_sample(name, tmp_path_factory.mktemp(name))
        results[name] = (lint(root, name, "json"), lint(root, name, "text"))
    return results


def report(outputs, name) -> dict:
    return json.loads(outputs[name][0].output)


@pytest.mark.parametrize("name", NAMES)
def test_json_output_matches_golden(outputs, name):
    check_golden(GOLDEN / f"{name}.json", outputs[name][0].output)


@pytest.mark.parametrize("name", NAMES)
def test_text_output_matches_golden(outputs, name):
    check_golden(GOLDEN / f"{name}.txt", outputs[name][1].output)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_has_no_findings_at_all(outputs, name):
    result, text = outputs[name]
    data = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert text.exit_code == 0, text.output
    assert data["findings"] == []
    assert {k: data["summary"][k] for k in ("error", "warning", "info")} == {
        "error": 0,
        "warning": 0,
        "info": 0,
    }


@pytest.mark.parametrize("name", NAMES)
def test_summary_counts_every_manifest_and_service(outputs, name):
    manifests = [p for p in sample_files(name) if p.suffix == ".yaml"]
    services = [
        p for p in manifests if "kind: Service" in (SAMPLES / name / p).read_text(encoding="utf-8")
    ]
    summary = report(outputs, name)["summary"]
    assert summary["files"] == len(manifests)
    assert summary["services"] == len(services)


def findings(outputs, name, code) -> list[dict]:
    return [f for f in report(outputs, name)["findings"] if f["code"] == code]


def entity_sets(outputs, name, code) -> list[dict]:
    return [f["entities"] for f in findings(outputs, name, code)]


def test_request_driven_fails(outputs):
    result, text = outputs["shop-request-driven"]
    assert result.exit_code == 1
    assert text.exit_code == 1


def test_request_driven_tells_the_story_and_nothing_else(outputs):
    codes = sorted({f["code"] for f in report(outputs, "shop-request-driven")["findings"]})
    assert codes == [
        "BR001", "BR003", "CX001", "CX002", "SW001", "SW002", "SW003", "SW004", "SY002", "SY003"
    ]  # fmt: skip


def test_request_driven_broker_lets_in_more_than_the_manifests_say(outputs):
    assert entity_sets(outputs, "shop-request-driven", "BR001") == [
        {"topic": "shipments", "service": "stock"}
    ]
    assert entity_sets(outputs, "shop-request-driven", "BR003") == [
        {"service": "catalogue", "topic": "stock-movements"}
    ]


def test_request_driven_orders_runs_stock(outputs):
    # Orders queries stock levels and commands Stock to buy more, across contexts;
    # the basket reads prices from the catalogue in the stock context.
    assert sorted(
        (e["service"], e["target"]) for e in entity_sets(outputs, "shop-request-driven", "CX001")
    ) == [("basket", "catalogue"), ("orders", "stock")]
    assert sorted(
        (e["service"], e["target"]) for e in entity_sets(outputs, "shop-request-driven", "CX002")
    ) == [("basket", "orders"), ("orders", "payments"), ("orders", "stock")]
    assert any(
        "ReorderStock" in f["message"] for f in findings(outputs, "shop-request-driven", "CX002")
    )


def test_request_driven_suppression_silences_shipments_query(outputs):
    # shipments -> orders is a cross-context query too, accepted with `spec.ignore`
    assert not [
        f
        for f in report(outputs, "shop-request-driven")["findings"]
        if f["entities"].get("service") == "shipments" and f["code"] == "CX001"
    ]


def test_request_driven_single_writer_story(outputs):
    assert entity_sets(outputs, "shop-request-driven", "SW003") == [
        {"service": "payments", "topic": "orders"}
    ]
    assert entity_sets(outputs, "shop-request-driven", "SW002") == [
        {"topic": "orders", "event": "OrderCancelled", "services": ["orders", "payments"]}
    ]
    assert sorted(e["service"] for e in entity_sets(outputs, "shop-request-driven", "SW001")) == [
        "shipments",
        "stock",
    ]
    assert entity_sets(outputs, "shop-request-driven", "SW004") == [{"topic": "stock-movements"}]


def test_request_driven_checkout_chain(outputs):
    depth = findings(outputs, "shop-request-driven", "SY002")
    assert [f["entities"]["service"] for f in depth] == ["storefront"]
    assert depth[0]["entities"]["chain"] == [
        "storefront",
        "basket",
        "orders",
        "payments",
        "fraud-check",
    ]
    slo = findings(outputs, "shop-request-driven", "SY003")
    assert [f["entities"] for f in slo] == [{"service": "storefront"}]
    assert all(
        f["path"] == "samples/shop-request-driven/basket/storefront.yaml" for f in depth + slo
    )


@pytest.mark.parametrize("name", NAMES)
def test_output_does_not_depend_on_file_order_or_folder(tmp_path, outputs, name):
    """Copies whose files were created in shuffled orders, under differently named
    folders, give byte-identical JSON and text output."""
    files = sample_files(name)
    seen = []
    for i, folder in enumerate(("first", "zz-second-copy", "0-third")):
        order = list(files)
        random.Random(i).shuffle(order)
        if i == 2:
            order.reverse()
        root = copy_sample(name, tmp_path / folder, order)
        seen.append((lint(root, name, "json").output, lint(root, name, "text").output))
    seen.append((outputs[name][0].output, outputs[name][1].output))
    assert len(set(seen)) == 1


@pytest.mark.parametrize("name", NAMES)
def test_sample_has_a_readme_and_context_documents(name):
    files = sample_files(name)
    assert Path("README.md") in files
    contexts = {p.parent.name for p in files if p.name == "context.yaml"}
    # broker/ holds the shop's Strimzi resources, not a context's manifests
    folders = {p.parent.name for p in files if p.suffix == ".yaml"} - {"broker"}
    assert contexts == folders  # every context folder describes its context
