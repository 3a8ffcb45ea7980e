"""`archlint import eventcatalog|backstage`: manifests that lint to the same findings as the
catalog they came from, never overwriting without --force."""

from __future__ import annotations

from helpers import REPO, run_cli, write_files
from helpers.catalogs import page

from archlint.api import lint
from archlint.config import Config

CATALOG = {
    "domains/shop/index.mdx": page("id: shop\nservices: [{id: orders}, {id: billing}]"),
    "domains/money/index.mdx": page("id: money\nservices: [{id: ledger}]"),
    "services/orders/index.mdx": page(
        "id: orders\nsends: [{id: placed}, {id: get-balance}]\nx-archlint-slo: 99.9\nx-archlint-availability: 99.99"
    ),
    "services/billing/index.mdx": page(
        "id: billing\nsends: [{id: placed}]\nreceives: [{id: placed}]"
    ),
    "services/ledger/index.mdx": page(
        "id: ledger\nreceives: [{id: get-balance}]\nx-archlint-availability: 99.0"
    ),
    "events/placed/index.mdx": page("id: placed"),
    "queries/get-balance/index.mdx": page("id: get-balance"),
}


def _checks(result):
    """(code, entities) of the rules' findings: what a manifest can reproduce."""
    return sorted(
        (f.code, tuple(sorted((k, str(v)) for k, v in f.entities.items())))
        for f in result.findings
        if not f.code.startswith("AL")
    )


def test_eventcatalog_import_lints_to_the_same_findings(tmp_path):
    write_files(tmp_path / "catalog", CATALOG)
    out = run_cli(["import", "eventcatalog", "catalog", "-o", "out"], cwd=tmp_path)
    assert out.exit_code == 0, out.output
    original = lint(["catalog"], Config(), baseline=False, cwd=str(tmp_path))
    imported = lint(["out"], Config(), baseline=False, cwd=str(tmp_path))
    assert {f.code for f in original.findings} >= {"SW001", "CX001", "SY003"}
    assert _checks(imported) == _checks(original)
    text = (tmp_path / "out" / "orders.yaml").read_text()
    assert text.startswith(
        "# Imported from catalog/services/orders/index.mdx by `archlint import eventcatalog`."
    )


def test_the_sample_and_backstage_s_catalog_import_to_the_same_findings(tmp_path):
    for source, path in (
        ("eventcatalog", "samples/eventcatalog-shop"),
        ("backstage", "tests/fixtures/backstage"),
    ):
        target = tmp_path / source
        out = run_cli(["import", source, path, "-o", str(target)], cwd=REPO)
        assert out.exit_code in (0, 1), out.output
        original = lint([path], Config(), baseline=False, cwd=str(REPO))
        imported = lint([str(target)], Config(), baseline=False, cwd=str(REPO))
        assert _checks(imported) == _checks(original), source
        assert len(imported.estate.services) == len(original.estate.services)


def test_import_never_overwrites_without_force(tmp_path):
    write_files(tmp_path / "catalog", CATALOG)
    write_files(tmp_path, {"out/orders.yaml": "# mine\n"})
    refused = run_cli(["import", "eventcatalog", "catalog", "-o", "out"], cwd=tmp_path)
    assert refused.exit_code == 2 and "already exist; pass --force to overwrite" in refused.output
    assert (tmp_path / "out" / "orders.yaml").read_text() == "# mine\n"
    assert not (tmp_path / "out" / "billing.yaml").exists()
    forced = run_cli(["import", "eventcatalog", "catalog", "-o", "out", "--force"], cwd=tmp_path)
    assert forced.exit_code == 0 and "# mine" not in (tmp_path / "out" / "orders.yaml").read_text()


def test_import_of_a_missing_path_or_an_empty_folder_is_a_usage_error(tmp_path):
    assert run_cli(["import", "backstage", "nope", "-o", "out"], cwd=tmp_path).exit_code == 2
    (tmp_path / "empty").mkdir()
    empty = run_cli(["import", "eventcatalog", "empty", "-o", "out"], cwd=tmp_path)
    assert empty.exit_code == 2 and "no EventCatalog services in empty" in empty.output
