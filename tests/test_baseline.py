"""Baselines: pure matching (identities counted, stale entries in scope only), the file
(sorted, no lines, paths relative to itself), and the commands: `archlint baseline`,
`--prune`, `archlint lint --baseline` / `baseline:` in the configuration."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest
from helpers import run_cli, write_files

from archlint import baseline as bl
from archlint.baseline import Entry
from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.model import Estate, Location


def f(code, path, line, **entities):
    return Finding(
        code,
        f"{code} at {path}:{line}",
        Location(path, line, 1),
        entities,
        slug="s",
        severity="error",
    )


A = f("SW003", "a.yaml", 3, service="billing", topic="orders")
B = f("CX001", "b.yaml", 5, service="basket", target="stock")
AL_1, AL_2 = f("AL002", "c.yaml", 1), f("AL002", "c.yaml", 9)


# --- pure matching ---------------------------------------------------------------------


def test_accepted_findings_are_hidden_whatever_their_line():
    entries = bl.entries_of([A, B])
    moved = [replace(A, location=Location("a.yaml", 40, 2)), B]
    m = bl.match(moved, entries)
    assert (m.new, m.stale) == ((), ())
    assert len(m.matched) == 2


def test_a_new_finding_is_reported_and_a_gone_one_is_stale():
    entries = bl.entries_of([A])
    m = bl.match([B], entries)
    assert m.new == (B,)
    assert [e.identity() for e in m.stale] == [A.identity()]
    assert m.pruned == ()


def test_identities_are_counted():
    entries = bl.entries_of([AL_1])
    m = bl.match([AL_1, AL_2], entries)
    assert m.new == (AL_2,) and len(m.matched) == 1
    m = bl.match([AL_1], bl.entries_of([AL_1, AL_2]))
    assert m.new == () and len(m.stale) == 1


def test_changed_entities_make_a_new_finding():
    renamed = replace(A, entities={"service": "payments", "topic": "orders"})
    m = bl.match([renamed], bl.entries_of([A]))
    assert m.new == (renamed,) and len(m.stale) == 1


def test_entries_out_of_scope_are_neither_matched_nor_stale():
    entries = bl.entries_of([A, B])
    m = bl.match([], entries, in_scope=lambda e: e.code == "SW003")
    assert [e.code for e in m.stale] == ["SW003"]
    assert [e.code for e in m.unjudged] == ["CX001"]
    assert [e.code for e in m.pruned] == ["CX001"]


def test_apply_returns_the_result_with_baseline_facts():
    result = LintResult(Estate.build(paths=["a.yaml", "b.yaml"]), (A, B))
    applied = bl.apply(result, bl.entries_of([A, AL_1]), "base.json")
    assert applied.findings == (B,)
    assert (applied.baseline, applied.baselined) == ("base.json", 1)
    assert [e["code"] for e in applied.stale] == ["AL002"]
    assert applied.exit_code == 1


def test_scope_is_rules_that_ran_and_files_under_the_targets(tmp_path):
    in_scope = bl.scope_of(["services"], ["SW003"], ["SW003", "CX001"], str(tmp_path))
    assert in_scope(Entry("SW003", "services/a.yaml"))
    assert not in_scope(Entry("CX001", "services/a.yaml"))  # rule not run
    assert not in_scope(Entry("SW003", "other/a.yaml"))  # file not linted
    assert not in_scope(Entry("SW003", "services-old/a.yaml"))
    assert in_scope(Entry("XR001", "services/a.yaml"))  # a custom rule: not in the catalogue


# --- the document ----------------------------------------------------------------------


def test_document_is_sorted_and_has_no_lines():
    doc = json.loads(bl.dumps(bl.entries_of([B, A, AL_2, AL_1])))
    assert doc["version"] == 1 and "archlint baseline --prune" in doc["about"]
    assert [(e["path"], e["code"]) for e in doc["findings"]] == [
        ("a.yaml", "SW003"),
        ("b.yaml", "CX001"),
        ("c.yaml", "AL002"),
        ("c.yaml", "AL002"),
    ]
    assert all(set(e) == {"code", "path", "entities", "message"} for e in doc["findings"])
    assert bl.dumps(bl.entries_of([A, B])) == bl.dumps(bl.entries_of([B, A]))


def test_document_round_trip_keeps_identities():
    chain = f("SY002", "s.yaml", 2, service="a", chain=("a", "b", "c"))
    entries = bl.entries_of([A, chain])
    parsed = bl.parse_document(json.loads(bl.dumps(entries)), "x.json")
    assert [e.identity() for e in parsed] == [e.identity() for e in entries]
    assert bl.match([chain, A], parsed).new == ()


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "not an archlint baseline"),
        ({"version": 2, "findings": []}, "version 2 is not supported"),
        ({"version": 1, "findings": [{"path": "a"}]}, "findings[0]: each entry needs a 'code'"),
        (
            {"version": 1, "findings": [{"code": "A", "path": "a", "entities": {"x": 1}}]},
            "entity 'x' must be a name",
        ),
    ],
)
def test_bad_documents_say_what_is_wrong(data, message):
    with pytest.raises(
        bl.BaselineError,
        match="x.json: .*" + message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\("),
    ):
        bl.parse_document(data, "x.json")


def test_paths_in_the_file_are_relative_to_it(tmp_path):
    (tmp_path / "ci").mkdir()
    entry = Entry("SW003", "services/a.yaml", {"topic": "t"}, "m")
    bl.write_baseline(str(tmp_path / "ci" / "base.json"), [entry], cwd=str(tmp_path))
    stored = json.loads((tmp_path / "ci" / "base.json").read_text())["findings"][0]["path"]
    assert stored == "../services/a.yaml"
    # Read from the repository root or from inside services/: the same file, as findings
    # of a run in that folder show it.
    assert bl.read_baseline(str(tmp_path / "ci" / "base.json"), cwd=str(tmp_path)) == (entry,)
    inner = bl.read_baseline(str(tmp_path / "ci" / "base.json"), cwd=str(tmp_path / "services"))
    assert inner[0].path == "a.yaml"


def test_unreadable_files_are_baseline_errors(tmp_path):
    with pytest.raises(bl.BaselineError, match="baseline file not found; create it with"):
        bl.read_baseline(str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("{\n  oops")
    with pytest.raises(bl.BaselineError, match=r"bad.json:2:3: not valid JSON"):
        bl.read_baseline(str(tmp_path / "bad.json"))


# --- the commands ----------------------------------------------------------------------

ESTATE = {
    "services/basket.yaml": """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: basket, context: basket}
        spec:
          queries: [{to: stock, name: GetLevel}]
          consumes: [{topic: stock}]
        """,
    "services/stock.yaml": """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: stock, context: inventory}
        spec:
          owns: [stock]
          produces: [{topic: stock}]
        """,
}
NEW_QUERY = "  queries: [{to: stock, name: GetLevel}, {to: pricing, name: GetPrice}]\n"
PRICING = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: pricing, context: pricing}
"""


@pytest.fixture
def estate(tmp_path):
    return write_files(tmp_path, ESTATE)


def codes(output: str) -> list[str]:
    return [f["code"] for f in json.loads(output)["findings"]]


def test_baseline_then_lint_reports_only_new_findings(estate):
    before = run_cli(["lint", "--format", "json"], cwd=estate)
    assert codes(before.output) == ["CX001"] and before.exit_code == 1
    made = run_cli(["baseline", "-o", "archlint-baseline.json"], cwd=estate)
    assert made.exit_code == 0
    assert "Wrote 1 finding to archlint-baseline.json" in made.output
    accepted = run_cli(["lint", "--baseline", "archlint-baseline.json"], cwd=estate)
    assert accepted.exit_code == 0
    assert accepted.output.splitlines() == [
        "All checks passed (2 files, 2 services).",
        "note: 1 finding accepted by the baseline archlint-baseline.json not shown.",
    ]
    # A new violation, a few lines further down the same file, fails the build; the
    # accepted one stays hidden though its line moved.
    basket = estate / "services/basket.yaml"
    basket.write_text(
        "# moved\n"
        + basket.read_text().replace("  queries: [{to: stock, name: GetLevel}]\n", NEW_QUERY)
    )
    (estate / "services/pricing.yaml").write_text(PRICING)
    after = run_cli(
        ["lint", "--baseline", "archlint-baseline.json", "--format", "json"], cwd=estate
    )
    doc = json.loads(after.output)
    assert after.exit_code == 1
    assert [(x["code"], x["entities"]["target"]) for x in doc["findings"]] == [("CX001", "pricing")]
    assert doc["baseline"] == {"file": "archlint-baseline.json", "accepted": 1, "stale": []}
    assert set(doc) == {"version", "findings", "summary", "baseline"}


def test_stale_entries_are_reported_and_pruned(estate):
    run_cli(["baseline", "-o", "base.json"], cwd=estate)
    basket = estate / "services/basket.yaml"
    basket.write_text(basket.read_text().replace("  queries: [{to: stock, name: GetLevel}]\n", ""))
    text = run_cli(["lint", "--baseline", "base.json"], cwd=estate)
    assert text.exit_code == 0
    assert text.output.splitlines()[1:] == [
        "note: stale baseline entry, matches no finding: CX001 services/basket.yaml "
        "(service=basket, target=stock)",
        "note: remove stale entries with `archlint baseline --prune -o base.json`.",
    ]
    doc = json.loads(
        run_cli(["lint", "--baseline", "base.json", "--format", "json"], cwd=estate).output
    )
    assert [e["code"] for e in doc["baseline"]["stale"]] == ["CX001"]
    before = (estate / "base.json").read_text()
    run_cli(["lint", "--baseline", "base.json"], cwd=estate)
    assert (estate / "base.json").read_text() == before, "lint never writes a baseline"
    pruned = run_cli(["baseline", "--prune", "-o", "base.json"], cwd=estate)
    assert pruned.exit_code == 0
    assert "Removed 1 stale entry from base.json; 0 entries remain." in pruned.output
    assert json.loads((estate / "base.json").read_text())["findings"] == []
    clean = run_cli(["lint", "--baseline", "base.json"], cwd=estate)
    assert clean.output.splitlines() == ["All checks passed (2 files, 2 services)."]


def test_prune_adds_nothing_and_keeps_what_this_run_could_not_judge(estate):
    run_cli(["baseline", "-o", "base.json"], cwd=estate)
    (estate / "services/pricing.yaml").write_text(PRICING)
    basket = estate / "services/basket.yaml"
    basket.write_text(basket.read_text().replace("to: stock", "to: pricing"))
    # Linting only services/stock.yaml cannot judge basket's entry: it is kept.
    kept = run_cli(["baseline", "--prune", "-o", "base.json", "services/stock.yaml"], cwd=estate)
    assert "Removed 0 stale entries" in kept.output
    out_of_scope = run_cli(["lint", "--baseline", "base.json", "--select", "SW"], cwd=estate)
    assert "stale" not in out_of_scope.output
    pruned = run_cli(["baseline", "--prune", "-o", "base.json"], cwd=estate)
    assert "Removed 1 stale entry" in pruned.output
    assert (
        json.loads((estate / "base.json").read_text())["findings"] == []
    )  # CX001 pricing not added


def test_configured_baseline_is_used_by_lint_and_written_by_baseline(estate):
    (estate / "archlint.yaml").write_text("paths: [services]\nbaseline: ci/base.json\n")
    (estate / "ci").mkdir()
    assert run_cli(["lint"], cwd=estate).exit_code == 2  # the configured file is missing
    made = run_cli(["baseline"], cwd=estate)
    assert "to ci/base.json" in made.output
    stored = json.loads((estate / "ci/base.json").read_text())["findings"]
    assert stored[0]["path"] == "../services/basket.yaml"
    assert run_cli(["lint"], cwd=estate).exit_code == 0
    # From inside services/, the configuration is found upwards and so is the baseline.
    assert run_cli(["lint"], cwd=estate / "services").exit_code == 0


def test_baseline_to_stdout(estate):
    result = run_cli(["baseline", "-o", "-"], cwd=estate)
    assert [e["code"] for e in json.loads(result.output)["findings"]] == ["CX001"]
    assert not any(p.name.endswith(".json") for p in estate.iterdir())


@pytest.mark.parametrize(
    "args, message",
    [
        (["lint", "--baseline", "missing.json"], "missing.json: baseline file not found"),
        (["lint", "--baseline", "bad.json"], "bad.json:1:1: not valid JSON"),
        (["baseline", "--prune", "-o", "missing.json"], "missing.json: baseline file not found"),
        (["baseline", "--prune", "-o", "-"], "--prune rewrites a baseline file"),
    ],
)
def test_unusable_baselines_exit_2(estate, args, message):
    (estate / "bad.json").write_text("nope")
    result = run_cli(args, cwd=estate)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_nothing_writes_a_baseline_implicitly(estate):
    before = sorted(os.listdir(estate))
    run_cli(["lint"], cwd=estate)
    run_cli(["lint", "--format", "json", "--output", "sarif:x.sarif"], cwd=estate)
    assert sorted(os.listdir(estate)) == sorted(before + ["x.sarif"])
