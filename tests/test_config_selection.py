"""Which rules run, and at which severity: select and ignore, rulesets, per-rule severities."""

from __future__ import annotations

import pytest

from archlint.api import lint_texts, override
from archlint.config import Config, ConfigError
from archlint.config.keys import parse_config
from archlint.config.selection import enabled, severity_of
from archlint.rule_pages import builtin_rules

# CX002 (a warning by default) and SW004 (a warning) in one small estate.
ESTATE = {
    "orders.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  produces: [{topic: orders}]
  commands: [{to: payments, name: Pay}]
""",
    "payments.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: payments, context: payments}
spec:
  consumes: [{topic: orders}]
""",
}


def configured(data):
    return parse_config(data, "archlint.yaml", ".", builtin_rules())


def severities(config):
    return {f.code: f.severity for f in lint_texts(ESTATE, config).findings}


def test_the_strict_ruleset_changes_a_findings_severity():
    assert severities(Config())["CX002"] == "warning"
    assert severities(configured({"ruleset": "strict"}))["CX002"] == "error"


def test_a_per_rule_severity_changes_a_findings_severity_and_wins_over_the_ruleset():
    config = configured(
        {"ruleset": "strict", "rules": {"CX002": "info", "SW004": {"severity": "info"}}}
    )
    assert severities(config) == {"CX002": "info", "SW004": "info"}
    spec = builtin_rules().spec("CX002")
    assert severity_of(config, spec, builtin_rules()) == "info"


def test_select_ignore_and_off_decide_what_runs():
    rules = builtin_rules()
    assert enabled(Config(), rules) == tuple(rules)
    assert enabled(configured({"select": ["SW", "cross-context-query"]}), rules) == (
        "CX001",
        "SW001",
        "SW002",
        "SW003",
        "SW004",
        "SW005",
    )
    assert "SW004" not in enabled(configured({"ignore": ["topic-without-owner"]}), rules)
    assert "SW004" not in enabled(configured({"rules": {"SW004": "off"}}), rules)


def test_the_command_line_replaces_select_and_adds_to_ignore():
    config = override(
        configured({"select": ["SW"], "ignore": ["SW005"]}), select=["CX"], ignore=["CX002"]
    )
    assert enabled(config, builtin_rules()) == ("CX001",)


def test_an_unknown_selector_has_a_did_you_mean():
    message = r"--select: unknown rule 'topic-multi-writr' \(did you mean 'topic-multi-writer'\?\)"
    with pytest.raises(ConfigError, match=message):
        override(Config(), select=["topic-multi-writr"])
