"""limits.findings-per-rule in `archlint diff` (docs/limits.md): its SARIF goes to code
scanning as `lint`'s does, so it shows that many introduced findings of a rule and one AL006
that counts the rest; JSON and text list every one; the exit code is the whole diff's."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli, write_files

STOCK = """\
    apiVersion: archlint/v1
    kind: Service
    metadata: {name: stock, context: stock}
    """
BILLING = """\
    apiVersion: archlint/v1
    kind: Service
    metadata: {name: billing, context: billing}
    """
QUERIES = "spec:\n  queries: [{to: stock, name: A}, {to: stock, name: B}, {to: stock, name: C}]\n"


def _sides(tmp_path: Path, limits: str) -> None:
    write_files(tmp_path / "old", {"stock.yaml": STOCK, "billing.yaml": BILLING})
    write_files(tmp_path / "new", {"stock.yaml": STOCK, "billing.yaml": BILLING})
    with (tmp_path / "new" / "billing.yaml").open("a", encoding="utf-8") as file:
        file.write(QUERIES)
    (tmp_path / "archlint.yaml").write_text(f"limits: {{{limits}}}\n", encoding="utf-8")


def _diff(tmp_path: Path, fmt: str) -> tuple[int, str]:
    result = run_cli(["diff", "old", "new", "--format", fmt], cwd=tmp_path)
    return result.exit_code, result.output


def test_sarif_shows_findings_per_rule_and_counts_the_rest(tmp_path: Path) -> None:
    _sides(tmp_path, "findings-per-rule: 1")
    code, output = _diff(tmp_path, "sarif")
    results = json.loads(output)["runs"][0]["results"]
    assert code == 1
    assert sorted(r["ruleId"] for r in results) == ["AL006", "CX001"]
    (counted,) = (r for r in results if r["ruleId"] == "AL006")
    assert counted["message"]["text"].startswith("2 more CX001 findings are not shown")
    assert counted["level"] == "error"  # at the highest severity of the ones not shown


def test_json_and_text_list_every_introduced_finding(tmp_path: Path) -> None:
    _sides(tmp_path, "findings-per-rule: 1")
    code, output = _diff(tmp_path, "json")
    introduced = json.loads(output)["findings"]["introduced"]
    assert code == 1
    assert [f["code"] for f in introduced] == ["CX001"] * 3
    code, output = _diff(tmp_path, "text")
    assert code == 1 and output.count("CX001") == 3 and "AL006" not in output


def test_within_the_limit_sarif_is_unchanged(tmp_path: Path) -> None:
    _sides(tmp_path, "findings-per-rule: 3")
    results = json.loads(_diff(tmp_path, "sarif")[1])["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["CX001"] * 3
