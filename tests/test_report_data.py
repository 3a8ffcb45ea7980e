"""What the report shows: summary counts, finding rows and whom they involve, the service
sections with their transitive synchronous dependencies, and the rule pages."""

from __future__ import annotations

import networkx as nx
import pytest
from helpers.model_estates import estate, generated, result, shop, svc

from archlint.catalogue import load_catalogue
from archlint.report.data import _transitive, build_report, rule_anchor


@pytest.fixture(scope="module")
def report():
    return build_report(result(shop()), load_catalogue())


def test_summary_counts(report):
    assert report.counts == {"error": 6, "warning": 2, "info": 0}
    assert not report.passed and report.fail_on == "error"
    assert len(report.services) == 7 and len(report.contexts) == 4 and report.topics == 3
    assert report.by_rule[0] == ("SW001", "topic-multi-writer", "error", 2)
    assert sum(n for *_, n in report.by_rule) == len(report.findings) == 8


def test_a_clean_estate_passes():
    r = build_report(result(estate(svc("a", "c"))), load_catalogue())
    assert r.passed and r.findings == () and r.by_rule == ()


def test_finding_rows_name_every_service_and_context_involved(report):
    rows = {(r.code, r.service): r for r in report.findings}
    names, contexts = report.service_names, report.context_names
    sw002 = next(r for r in report.findings if r.code == "SW002")
    assert sorted(names[i] for i in sw002.services) == ["orders", "payments"]
    assert sorted(contexts[i] for i in sw002.contexts) == ["money", "sales"]
    cx001 = rows[("CX001", "orders")]
    assert sorted(names[i] for i in cx001.services) == ["orders", "stock"]
    assert cx001.context == "sales" and cx001.where.endswith(f":{cx001.line}")
    sw004 = next(r for r in report.findings if r.code == "SW004")
    assert sorted(names[i] for i in sw004.services)  # a topic's finding: its writers
    assert [r.number for r in report.findings] == list(range(1, 9))


def test_service_sections(report):
    s = {x.name: x for x in report.services}
    orders = s["orders"]
    assert orders.owns == ("orders",)
    assert [(f.topic, f.events) for f in orders.produces] == [
        ("orders", ("OrderPlaced", "OrderCancelled"))
    ]
    assert [(c.kind, c.target, c.synchronous, c.rules) for c in orders.calls] == [
        ("command", "payments", True, ("CX002",)),
        ("query", "stock", True, ("CX001",)),
    ]
    assert s["payments"].consumes[0].events is None  # every event
    assert [c.known for c in s["payments"].calls] == [False]  # ghost
    assert s["orders"].called_by == (("basket", "command", "Do0"),)
    assert s["web"].depends_on == ("basket", "orders", "payments", "sso", "stock")
    assert s["payments"].dependents == ("basket", "orders", "web")
    assert s["sso"].is_global and s["sso"].dependents == ("web",)
    assert s["orders"].findings == 3  # CX001, CX002 and SW002 (with payments); SW003 is payments'
    assert s["shipping"].calls[0].synchronous is False


def test_transitive_dependencies_through_cycles():
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b"), ("c", "d"), ("e", "e")])
    g.add_node("f")
    down, up = _transitive(g)
    assert down == {
        "a": ("b", "c", "d"),
        "b": ("c", "d"),
        "c": ("b", "d"),
        "d": (),
        "e": (),
        "f": (),
    }
    assert up == {"a": (), "b": ("a", "c"), "c": ("a", "b"), "d": ("a", "b", "c"), "e": (), "f": ()}


def test_transitive_dependencies_match_a_graph_search_on_a_big_estate():
    e = generated(400)
    r = build_report(result(e), load_catalogue())
    from archlint.graph import build_graph

    sync = build_graph(e).sync
    for section in r.services[::17]:
        assert set(section.depends_on) == nx.descendants(sync, section.name) - {section.name}
        assert set(section.dependents) == nx.ancestors(sync, section.name) - {section.name}


def test_every_rule_has_its_page(report):
    codes = [r.code for r in report.rules]
    assert codes == sorted(load_catalogue())
    cx001 = next(r for r in report.rules if r.code == "CX001")
    assert cx001.anchor == "rule-CX001" and cx001.count == 1
    assert cx001.what and cx001.why and cx001.fails and cx001.passes and cx001.fix
    sy002 = next(r for r in report.rules if r.code == "SY002")
    assert [o[0] for o in sy002.options] == ["max-depth"]


def test_rule_anchors_are_safe_ids():
    assert rule_anchor("SW001") == "rule-SW001"
    assert rule_anchor('x"><script>') == "rule-x___script_"
