"""What the CI-format tests share: a lint result full of awkward findings, golden files,
and the validators the consumers of each format use (run from tests/node, installed by
`make node-deps`).

Golden files live in tests/golden/formats; regenerate after a deliberate change and review
the diff:

    ARCHLINT_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_formats_*.py
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from archlint.catalogue import RuleOption, RuleSpec
from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.model import Estate, Location
from archlint.registry import Rule
from archlint.rule_pages import builtin_rules

from . import REPO
from . import check_golden as check_golden_file

GOLDEN = REPO / "tests" / "golden" / "formats"
NODE = REPO / "tests" / "node"
ODD_PATH = "services/odd, name: 100%.yaml"

# A catalogue of four rules, so that golden files do not change with the real rule texts.
CATALOGUE = {
    "AL002": RuleSpec(
        "AL002",
        "invalid-manifest",
        "error",
        "A document that breaks the archlint/v1 schema.",
        what="Reports every problem against the manifest schema.",
        why="Unknown keys must not pass silently.",
        fails="kind: Service\nspec: {consume: []}\n",
        passes="kind: Service\nspec: {consumes: []}\n",
        fix="Correct the field as the message says.",
    ),
    "CX002": RuleSpec(
        "CX002",
        "cross-context-command",
        "warning",
        "A synchronous command into another context",
        what="Flags commands with `to:` whose target is in another context.",
        why="Contexts talk to each other through events.",
    ),
    "RF003": RuleSpec(
        "RF003", "produced-never-consumed", "info", "An event that no service consumes."
    ),
    "SY002": RuleSpec(
        "SY002",
        "sync-chain-depth",
        "warning",
        "A long chain of calls.",
        options=(RuleOption("max-depth", "integer", 3, "The longest chain allowed."),),
    ),
    "XR001": RuleSpec(
        "XR001",
        "no-billing-to-stock",
        "error",
        "Billing never calls stock synchronously.",
        what="A custom rule from the configuration: forbid call from service billing to service stock.",
        custom=True,
    ),
}


def finding(code, message, path, line, column, entities=None, slug="", severity="error"):
    return Finding(code, message, Location(path, line, column), entities or {}, slug, severity)


def awkward_result() -> LintResult:
    """Findings that test every escape: %, :, comma, CR/LF, quotes, <&>, a control
    character, non-ASCII, two findings of one identity, a custom rule, and a clean file."""
    findings = (
        finding(
            "AL002",
            "unknown key 'consume'; did you mean 'consumes'?",
            "services/billing.yaml",
            7,
            3,
            slug="invalid-manifest",
        ),
        finding(
            "AL002", "unknown key 'owner'", "services/billing.yaml", 9, 3, slug="invalid-manifest"
        ),
        finding(
            "CX002",
            "billing commands 'stock' (GetLevel) in context 'inventory':\n"
            "use an event, or 100% of calls wait\r",
            ODD_PATH,
            3,
            5,
            {"service": "billing", "target": "stock"},
            "cross-context-command",
            "warning",
        ),
        finding(
            "RF003",
            "no service consumes \"Bestellung<é>\" & friends\x01 on 'orders'",
            "services/orders.yaml",
            12,
            9,
            {"topic": "orders", "event": "Bestellung<é>"},
            "produced-never-consumed",
            "info",
        ),
        finding(
            "XR001",
            "billing must not call stock",
            "services/billing.yaml",
            20,
            5,
            {"service": "billing", "target": "stock"},
            "no-billing-to-stock",
            "error",
        ),
    )
    estate = Estate.build(
        paths=["services/billing.yaml", ODD_PATH, "services/orders.yaml", "services/stock.yaml"]
    )
    rules = builtin_rules().with_rules([Rule(CATALOGUE["XR001"])])
    return LintResult(
        estate=estate, findings=tuple(sorted(findings, key=Finding.sort_key)), rules=rules
    )


def clean_result() -> LintResult:
    return LintResult(estate=Estate.build(paths=["services/a.yaml"]), findings=())


def check_golden(name: str, text: str) -> None:
    check_golden_file(GOLDEN / name, text)


def node_tool(*parts: str) -> Path:
    path = NODE.joinpath("node_modules", *parts)
    if not path.exists():
        pytest.fail(
            f"{path} is missing: install the test validators with `make node-deps` "
            "(npm ci in tests/node)"
        )
    return path


def sarif_multitool() -> Path:
    """The platform binary of @microsoft/sarif-multitool (its npm `bin` goes through a
    shell, which mangles `;`-separated option values)."""
    node_tool("@microsoft", "sarif-multitool")
    proc = subprocess.run(
        ["node", "-p", "require('@microsoft/sarif-multitool')"],
        cwd=NODE,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(proc.stdout.strip())


def multitool_problems(files: list[Path], tmp_path: Path) -> list[str]:
    """Every error and warning the SARIF Multitool reports on the files (notes are advice),
    with its SARIF rules and GitHub code scanning's ingestion rules (GHxxxx)."""
    out = tmp_path / "validation.sarif"
    out.unlink(missing_ok=True)
    # --rule-kind is a list option: it must not be followed by the files.
    args = [str(sarif_multitool()), "validate", "--rule-kind", "Sarif;Gh", "--output", str(out)]
    proc = subprocess.run(
        args + [str(f) for f in files], capture_output=True, text=True, timeout=300
    )
    assert out.exists(), f"the multitool wrote no report: {proc.stdout}{proc.stderr}"
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    problems = []
    for run in log["runs"]:
        for invocation in run.get("invocations", []):
            if not invocation.get("executionSuccessful"):
                problems.append(f"the multitool did not run: {proc.stdout}")
            for key in ("toolConfigurationNotifications", "toolExecutionNotifications"):
                problems += [
                    f"{key}: {n['message'].get('text')}"
                    for n in invocation.get(key, [])
                    if n.get("level", "warning") in ("error", "warning")
                ]
        rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", [])}
        for r in run.get("results", []):
            if r.get("level", "warning") in ("error", "warning"):
                template = (
                    rules.get(r["ruleId"], {})
                    .get("messageStrings", {})
                    .get(r["message"].get("id"), {})
                    .get("text", "")
                )
                problems.append(
                    f"{r['ruleId']} {r.get('level', 'warning')}: {template} "
                    f"{r['message'].get('arguments')}"
                )
    return problems


SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def assert_code_quality_report(text: str) -> list[dict]:
    """GitLab's required fields (docs: "Code Quality report format"), with their types."""
    report = json.loads(text)
    assert isinstance(report, list)
    for issue in report:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert not issue["location"]["path"].startswith("/")
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [i["fingerprint"] for i in report]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab merges equal fingerprints"
    return report
