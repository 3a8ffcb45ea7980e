"""Declarative rules in the configuration: forbid and require edges."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli, write_files

from archlint.api import lint_texts
from archlint.config import ConfigError
from archlint.config.keys import parse_config
from archlint.rule_pages import builtin_rules

ESTATE = {
    "basket.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: basket, context: basket, tags: [ui]}
spec:
  consumes: [{topic: prices}]
  queries: [{to: payments, name: GetPaymentStatus}]
""",
    "payments.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: payments, context: payments}
spec:
  owns: [prices]
  produces: [{topic: prices, events: [PriceChanged]}]
""",
}


def configured(data):
    return parse_config(data, "archlint.yaml", ".", builtin_rules())


def run(rules, cwd=None):
    config = configured({"custom-rules": rules})
    return [f for f in lint_texts(ESTATE, config).findings if f.code.startswith("ORG")]


def test_forbid_matches_kind_selectors_and_name(tmp_path):
    rule = {
        "code": "ORG001",
        "slug": "no-payment-queries",
        "severity": "warning",
        "message": "Nothing queries payments",
        "forbid": {
            "kind": "query",
            "from": {"tag": "ui"},
            "to": {"context": "payments"},
            "name": "Get*",
            "cross-context": True,
        },
    }
    [finding] = run([rule], tmp_path)
    assert (finding.code, finding.slug, finding.severity) == (
        "ORG001",
        "no-payment-queries",
        "warning",
    )
    assert finding.entities == {"service": "basket", "target": "payments"}
    assert finding.location.path == "basket.yaml" and finding.location.line == 6


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Set*"},
        {"to": {"context": "orders"}},
        {"kind": "command"},
        {"cross-context": False},
        {"to": {"topic": "payments"}},
    ],
)
def test_forbid_does_not_match_other_edges(tmp_path, change):
    edge = {"kind": "query", "from": {"tag": "ui"}, "to": {"context": "payments"}, **change}
    assert run([{"code": "ORG001", "forbid": edge}], tmp_path) == []


def test_require_reports_services_lacking_the_edge(tmp_path):
    rule = {
        "code": "ORG002",
        "message": "Every service consumes prices",
        "require": {"kind": "consumes", "to": {"topic": "prices"}},
    }
    [finding] = run([rule], tmp_path)
    assert finding.entities == {"service": "payments"}


def test_custom_rules_can_be_suppressed_by_code(tmp_path):
    rule = {"code": "ORG001", "forbid": {"kind": "query"}}
    ESTATE_SUPPRESSED = dict(ESTATE)
    ESTATE_SUPPRESSED["basket.yaml"] += "  ignore: {ORG001: Moving to events.}\n"
    config = configured({"custom-rules": [rule]})
    found = [f.code for f in lint_texts(ESTATE_SUPPRESSED, config).findings]
    assert "CX001" in found  # the rest still reported
    assert "ORG001" not in found and "AL005" not in found


@pytest.mark.parametrize(
    "rule, message",
    [
        ({"code": "ORG1"}, "exactly one of 'forbid' or 'require'"),
        ({"code": "SW001", "forbid": {}}, "already taken"),
        ({"code": "ORG1", "forbid": {"kind": "calls"}}, "kind: one of"),
        ({"code": "ORG1", "forbid": {"form": {}}}, "unknown key 'form'"),
        ({"code": "ORG1", "forbid": {"from": {"topic": "x"}}}, "interactions start at a service"),
    ],
)
def test_bad_custom_rules_are_config_errors(tmp_path, rule, message):
    with pytest.raises(ConfigError, match=message):
        configured({"custom-rules": [rule]})


CONFIG = """\
custom-rules:
  - code: ORG001
    slug: no-queries-into-payments
    message: Nothing queries payments synchronously; subscribe to its events.
    forbid: {kind: query, to: {context: payments}}
"""


def test_custom_rules_go_through_the_cli_like_built_in_ones(tmp_path):
    root = write_files(tmp_path, {**ESTATE, "archlint.yaml": CONFIG})
    found = run_cli(["lint", "--format", "json"], cwd=root)
    assert found.exit_code == 1
    assert "ORG001" in {f["code"] for f in json.loads(found.output)["findings"]}
    off = root / "archlint.yaml"
    off.write_text(CONFIG + "rules: {ORG001: off}\n", encoding="utf-8")
    quiet = run_cli(["lint", "--format", "json", "--select", "ORG"], cwd=root)
    assert quiet.exit_code == 0 and json.loads(quiet.output)["findings"] == []
    page = run_cli(["explain", "no-queries-into-payments"], cwd=root)
    assert page.exit_code == 0 and page.output.startswith("# ORG001 no-queries-into-payments")
    listed = run_cli(["rules", "--format", "json"], cwd=root)
    assert {"code": "ORG001", "custom": True}.items() <= next(
        r for r in json.loads(listed.output) if r["code"] == "ORG001"
    ).items()
    sarif = json.loads(run_cli(["lint", "--format", "sarif", "--ignore", "ORG"], cwd=root).output)
    ids = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert "ORG001" in ids
