"""`spec.ignore`: a suppression silences its rule's findings in its own service's document;
an unused one, or one that names no rule, is AL005."""

from __future__ import annotations

from archlint.api import lint_texts, override
from archlint.config import Config

ORDERS = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  owns: [orders]
  produces: [{topic: orders, events: [OrderPlaced]}]
  queries: [{to: stock, name: GetStockLevel}]
  ignore:
    CX001: Stock check moves to a local view in Q3.
---
apiVersion: archlint/v1
kind: Service
metadata: {name: basket, context: basket}
spec:
  consumes: [{topic: orders, events: [OrderPlaced]}]
  queries: [{to: stock, name: GetStockLevel}]
"""
STOCK = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: stock}
spec: {}
"""


def lint(files, config=None):
    return list(lint_texts(files, config).findings)


def codes(findings):
    return sorted((f.code, f.entities.get("service")) for f in findings)


def test_suppression_silences_only_its_own_service():
    findings = lint({"estate.yaml": ORDERS, "stock.yaml": STOCK})
    assert codes(findings) == [("CX001", "basket")]


def test_unused_suppression_is_reported_at_the_entry():
    text = ORDERS.replace("queries: [{to: stock, name: GetStockLevel}]\n  ignore", "ignore", 1)
    findings = lint({"estate.yaml": text, "stock.yaml": STOCK})
    unused = [f for f in findings if f.code == "AL005"]
    assert [(f.entities, f.location.line, f.severity) for f in unused] == [
        ({"service": "orders"}, 8, "info")
    ]
    assert "suppressed nothing" in unused[0].message


def test_suppression_naming_no_rule():
    text = ORDERS.replace("CX001: Stock", "XX123: Stock")
    findings = lint({"estate.yaml": text, "stock.yaml": STOCK})
    unused = [f for f in findings if f.code == "AL005"]
    assert len(unused) == 1 and "names no rule" in unused[0].message
    assert ("CX001", "orders") in codes(findings)


def test_a_misspelt_suppression_suggests_the_rule():
    text = ORDERS.replace("CX001: Stock", "cross-context-qury: Stock")
    findings = lint({"estate.yaml": text, "stock.yaml": STOCK})
    [unused] = [f for f in findings if f.code == "AL005"]
    assert "names no rule (did you mean 'cross-context-query'?)" in unused.message


def test_suppression_by_slug():
    text = ORDERS.replace("CX001: Stock", "cross-context-query: Stock")
    assert codes(lint({"estate.yaml": text, "stock.yaml": STOCK})) == [("CX001", "basket")]


def test_al005_can_be_ignored():
    text = ORDERS.replace("CX001: Stock", "XX123: Stock")
    config = override(Config(), ignore=["AL005"])
    assert "AL005" not in {f.code for f in lint({"estate.yaml": text, "stock.yaml": STOCK}, config)}


def test_loader_problems_are_not_suppressible_in_the_manifest():
    text = ORDERS.replace("  ignore:\n", "  ignore:\n    AL003: not allowed.\n").replace(
        "kind: Service\nmetadata: {name: basket",
        "kind: Service\nkind: Service\nmetadata: {name: basket",
    )
    found = {
        (f.code, f.entities.get("service"))
        for f in lint({"estate.yaml": text, "stock.yaml": STOCK})
    }
    assert ("AL003", None) in found and ("AL005", "orders") in found


def _unused_entries(config):
    text = ORDERS.replace("queries: [{to: stock, name: GetStockLevel}]\n  ignore", "ignore", 1)
    return [
        f for f in lint({"estate.yaml": text, "stock.yaml": STOCK}, config) if f.code == "AL005"
    ]


def test_a_suppression_of_a_rule_that_did_not_run_is_not_unused():
    # The entry excuses CX001; a run without CX001 cannot tell whether it still does, and
    # removing the entry would break the next full run.
    assert len(_unused_entries(Config())) == 1
    assert _unused_entries(override(Config(), ignore=["CX001"])) == []
    assert _unused_entries(override(Config(), select=["CX002,AL005"])) == []
    assert _unused_entries(Config(ignore=("CX001",))) == []  # `rules: {CX001: off}`


def test_a_loader_problem_cannot_be_suppressed_and_says_so():
    text = STOCK.replace("spec: {}", "spec:\n  ignore: {AL003: generated}\nspec: {}")
    findings = lint({"stock.yaml": text})
    assert sorted(f.code for f in findings) == ["AL003", "AL005"]
    [unused] = [f for f in findings if f.code == "AL005"]
    assert "loader problems (AL003) cannot be suppressed" in unused.message
