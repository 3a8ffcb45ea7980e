"""Rule options: typed and ranged on the rule's page, checked once, in the configuration."""

from __future__ import annotations

import pytest

from archlint.api import lint_texts
from archlint.catalogue import RuleOption
from archlint.config import ConfigError
from archlint.config.keys import parse_config
from archlint.config.selection import options_of
from archlint.rule_pages import builtin_rules

CHECKOUT = {
    "checkout.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: checkout, context: shop}
spec:
  slo: 99.95
  queries: [{to: stock, name: GetLevel}]
""",
    "stock.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: shop}
""",
}


def configured(data):
    return parse_config(data, "archlint.yaml", ".", builtin_rules())


def test_a_percent_option_takes_a_percent():
    config = configured({"rules": {"SY003": {"assumed-availability": 99.9}}})
    assert options_of(config, builtin_rules().spec("SY003")) == {"assumed-availability": 99.9}
    [finding] = [f for f in lint_texts(CHECKOUT, config).findings if f.code == "SY003"]
    assert "counting each undeclared availability as 99.9%" in finding.message


def test_defaults_come_from_the_page():
    assert options_of(configured({}), builtin_rules().spec("SY002")) == {"max-depth": 3}


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"SY002": {"max-depth": 2.5}}, "rules.SY002.max-depth must be a whole number, got 2.5"),
        ({"SY002": {"max-depth": True}}, "rules.SY002.max-depth must be a whole number, got True"),
        ({"SY003": {"assumed-availability": "high"}}, "must be a number, got 'high'"),
        ({"SY003": {"assumed-availability": -1}}, "must be between 0 and 100, got -1"),
    ],
)
def test_bad_option_values_are_one_line_errors(settings, message):
    with pytest.raises(ConfigError, match=message):
        configured({"rules": settings})


def test_option_types():
    flag = RuleOption("strict", "boolean", False, "")
    assert flag.problem(True) is None and flag.problem(1) == "must be true or false"
    word = RuleOption("style", "string", "x", "")
    assert word.problem("y") is None and word.problem(3) == "must be a string"
