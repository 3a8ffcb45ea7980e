"""`archlint import asyncapi FILES... -o DIR`: manifests that load cleanly and give the same
model as the documents; never an overwrite without --force."""

from __future__ import annotations

import shutil

import yaml
from helpers import run_cli, write_files
from helpers.asyncapi import FIXTURES, edges
from helpers.asyncapi_estate import ASYNCAPI, EVENT_RULES

from archlint.config import Config
from archlint.engine import run_checks
from archlint.interactions import Interactions
from archlint.loader import load_paths
from archlint.rule_pages import builtin_rules


def models(root, paths, contexts=None):
    loaded = load_paths(paths, cwd=str(root), asyncapi_contexts=contexts or {})
    return loaded, [edges(s) for s in loaded.estate.services]


def test_import_writes_manifests_with_the_same_model_and_findings(tmp_path):
    write_files(tmp_path, ASYNCAPI)
    result = run_cli(["import", "asyncapi", ".", "-o", "manifests"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "manifests").iterdir())
    assert written == ["audit.yaml", "fraud.yaml", "orders.yaml", "payments.yaml", "stock.yaml"]
    assert "wrote manifests/fraud.yaml (service fraud, from fraud/asyncapi.yaml)" in result.output

    documents, from_documents = models(tmp_path, sorted(ASYNCAPI))
    manifests, from_manifests = models(tmp_path, ["manifests"])
    assert manifests.findings == ()  # loads cleanly: schema, names, no duplicates
    assert from_manifests == from_documents

    def findings(loaded):
        return {
            (f.code, f.message, tuple(sorted(f.entities.items())))
            for f in run_checks(
                Interactions(loaded.estate),
                builtin_rules(),
                Config(select=EVENT_RULES),
                loaded.findings,
            )
        }

    assert findings(manifests) == findings(documents)


def test_manifest_text(tmp_path):
    write_files(tmp_path, {"stock/asyncapi.yaml": ASYNCAPI["stock/asyncapi.yaml"]})
    assert (
        run_cli(["import", "asyncapi", "stock/asyncapi.yaml", "-o", "out"], cwd=tmp_path).exit_code
        == 0
    )
    assert (
        (tmp_path / "out/stock.yaml").read_text(encoding="utf-8")
        == """\
# Imported from stock/asyncapi.yaml by `archlint import asyncapi`.
apiVersion: archlint/v1
kind: Service
metadata:
  name: stock
  context: shop
spec:
  owns: [stock-commands]
  produces:
    - topic: stock
      events: [StockReserved]
  consumes:
    - topic: stock-commands
      events: [ReserveStock]
"""
    )


def test_never_overwrites_without_force(tmp_path):
    write_files(tmp_path, ASYNCAPI)
    assert run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=tmp_path).exit_code == 0
    (tmp_path / "out/stock.yaml").write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "out/audit.yaml").unlink()
    again = run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=tmp_path)
    assert again.exit_code == 2
    assert "out/stock.yaml" in again.output and "--force" in again.output
    assert (tmp_path / "out/stock.yaml").read_text(encoding="utf-8") == "# edited by hand\n"
    assert not (tmp_path / "out/audit.yaml").exists()  # nothing written when one would clash
    forced = run_cli(["import", "asyncapi", ".", "-o", "out", "--force"], cwd=tmp_path)
    assert forced.exit_code == 0
    assert "kind: Service" in (tmp_path / "out/stock.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "out/audit.yaml").exists()


def test_problems_are_printed_and_exit_1(tmp_path):
    files = dict(ASYNCAPI)
    files["audit/asyncapi.yaml"] = files["audit/asyncapi.yaml"].replace(", x-context: shop", "")
    files["dup/asyncapi.yaml"] = files["stock/asyncapi.yaml"]
    write_files(tmp_path, files)
    result = run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=tmp_path)
    assert result.exit_code == 1
    assert (
        "audit/asyncapi.yaml:2:7: AL002 the document does not say which bounded context"
        in result.output
    )
    # as `archlint lint` says it: the first in path order is kept, the later one reported
    assert (
        "stock/asyncapi.yaml:2:15: AL004 service 'stock' is declared twice; the first "
        "declaration, at dup/asyncapi.yaml:2:15, is the one used" in result.output
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "fraud.yaml",
        "orders.yaml",
        "payments.yaml",
        "stock.yaml",
    ]


def test_contexts_come_from_the_configuration(tmp_path):
    files = {
        "teams/audit/asyncapi.yaml": ASYNCAPI["audit/asyncapi.yaml"].replace(
            ", x-context: shop", ""
        ),
        "archlint.yaml": "asyncapi:\n  contexts:\n    'teams/audit/**': compliance\n",
    }
    write_files(tmp_path, files)
    assert run_cli(["import", "asyncapi", "teams", "-o", "out"], cwd=tmp_path).exit_code == 0
    assert "context: compliance" in (tmp_path / "out/audit.yaml").read_text(encoding="utf-8")


def test_usage_errors_exit_2(tmp_path):
    write_files(tmp_path, {"other.yaml": "name: not asyncapi\n"})
    not_asyncapi = run_cli(["import", "asyncapi", "other.yaml", "-o", "out"], cwd=tmp_path)
    assert not_asyncapi.exit_code == 2 and "not an AsyncAPI document" in not_asyncapi.output
    missing = run_cli(["import", "asyncapi", "nope.yaml", "-o", "out"], cwd=tmp_path)
    assert missing.exit_code == 2 and "path 'nope.yaml' does not exist" in missing.output
    empty = run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=tmp_path)
    assert empty.exit_code == 2 and "no AsyncAPI documents" in empty.output
    no_output = run_cli(["import", "asyncapi", "other.yaml"], cwd=tmp_path)
    assert no_output.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_every_specification_example_round_trips(tmp_path):
    """All 45 example documents, imported: the manifests load without a finding and give
    the same model (names clash across examples, so one version at a time)."""
    for version in ("v2.6.0", "v3.0.0"):
        root = tmp_path / version
        shutil.copytree(FIXTURES / version, root / "docs")
        write_files(root, {"archlint.yaml": "asyncapi: {contexts: {'**': examples}}\n"})
        result = run_cli(["import", "asyncapi", "docs/examples/social-media", "-o", "sm"], cwd=root)
        assert result.exit_code == 0, result.output
        singles = sorted(str(p.relative_to(root)) for p in (root / "docs/examples").glob("*.yml"))
        for single in singles:  # one at a time: 2.6.0 has two documents titled alike
            target = "out/" + single.rsplit("/", 1)[-1].split(".")[0]
            result = run_cli(["import", "asyncapi", single, "-o", target], cwd=root)
            assert result.exit_code == 0, result.output
        for documents, manifests in (
            [["docs/examples/social-media"], ["sm"]],
            *[([s], ["out/" + s.rsplit("/", 1)[-1].split(".")[0]]) for s in singles],
        ):
            _, expected = models(root, documents, {"**": "examples"})
            loaded, got = models(root, manifests)
            assert loaded.findings == (), [str(f.location) + f.message for f in loaded.findings]
            assert got == expected


def test_json_documents_are_imported_too(tmp_path):
    import json

    document = yaml.safe_load(ASYNCAPI["fraud/asyncapi.yaml"])
    write_files(tmp_path, {"fraud/asyncapi.json": json.dumps(document, indent=2)})
    result = run_cli(["import", "asyncapi", ".", "-o", "out"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    _, expected = models(tmp_path, ["fraud/asyncapi.json"])
    _, got = models(tmp_path, ["out"])
    assert got == expected and expected[0]["produces"] == [
        ("orders", ("FraudSuspected",)),
        ("alerts", ("Alert",)),
    ]
