"""What the report shows: summary counts, finding rows and whom they involve, the service
sections with their transitive synchronous dependencies, and the rule pages."""

from __future__ import annotations

import networkx as nx
import pytest
from helpers.model_estates import estate, generated, result, shop, svc

from archlint.report.contents import build_report
from archlint.report.data import rule_anchor
from archlint.rule_pages import builtin_rules

SPECS = {s.code: s for s in builtin_rules().specs}


@pytest.fixture(scope="module")
def report():
    return build_report(result(shop()), SPECS)


def test_summary_counts(report):
    assert report.counts == {"error": 6, "warning": 2, "info": 0}
    assert not report.passed and report.fail_on == "error"
    assert len(report.services) == 7 and len(report.contexts) == 4 and report.topics == 3
    assert report.by_rule[0] == ("SW001", "topic-multi-writer", "error", 2)
    assert sum(n for *_, n in report.by_rule) == len(report.findings) == 8


def test_a_clean_estate_passes():
    r = build_report(result(estate(svc("a", "c"))), SPECS)
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
    # a -> b, b <-> c, c -> d, e -> e, f alone
    r = build_report(
        result(
            estate(
                svc("a", "x", queries=["b"]),
                svc("b", "x", queries=["c"]),
                svc("c", "x", commands=["b", "d"]),
                svc("d", "x"),
                svc("e", "x", queries=["e"]),
                svc("f", "x"),
            )
        ),
        SPECS,
    )
    down = {s.name: s.depends_on for s in r.services}
    up = {s.name: s.dependents for s in r.services}
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
    r = build_report(result(e), SPECS)
    sync = nx.DiGraph()
    sync.add_nodes_from(s.name for s in e.services)
    sync.add_edges_from((s.name, c.to) for s in e.services for c in s.calls if c.to in e.service)
    for section in r.services[::17]:
        assert set(section.depends_on) == nx.descendants(sync, section.name) - {section.name}
        assert set(section.dependents) == nx.ancestors(sync, section.name) - {section.name}


def test_every_rule_has_its_page(report):
    codes = [r.code for r in report.rules]
    assert codes == sorted(SPECS)
    assert not any(r.custom for r in report.rules)
    cx001 = next(r for r in report.rules if r.code == "CX001")
    assert cx001.anchor == "rule-CX001" and cx001.count == 1
    assert cx001.what and cx001.why and cx001.fails and cx001.passes and cx001.fix
    sy002 = next(r for r in report.rules if r.code == "SY002")
    assert [o[0] for o in sy002.options] == ["max-depth"]


def test_rule_anchors_are_safe_ids():
    assert rule_anchor("SW001") == "rule-SW001"
    assert rule_anchor('x"><script>') == "rule-x___script_"


CUSTOM = """\
custom-rules:
  - code: ORG001
    slug: no-queries-into-supply
    severity: warning
    message: Nothing queries supply synchronously.
    forbid: {kind: query, to: {context: supply}}
"""


def test_a_custom_rule_is_a_rule_of_the_report(tmp_path):
    """Its page is made from the configuration like any rule's, marked custom, and its
    findings point at what they are about as built-in ones do."""
    import archlint

    (tmp_path / "archlint.yaml").write_text(CUSTOM, encoding="utf-8")
    (tmp_path / "estate.yaml").write_text(
        """\
apiVersion: archlint/v1
kind: Service
metadata: {name: web, context: sales}
spec:
  queries: [{to: stock, name: GetLevel}]
---
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: supply}
""",
        encoding="utf-8",
    )
    run = archlint.lint([str(tmp_path)], cwd=str(tmp_path), baseline=False)
    assert run.rules is not None
    r = build_report(run, {spec.code: spec for spec in run.rules.specs})
    org = next(doc for doc in r.rules if doc.code == "ORG001")
    assert org.custom and org.count == 1 and org.severity == "warning"
    assert org.summary == "Nothing queries supply synchronously."
    assert "custom rule" in org.what
    row = next(row for row in r.findings if row.code == "ORG001")
    assert row.service == "web"
    assert sorted(r.service_names[i] for i in row.services) == ["stock", "web"]
    web = next(s for s in r.services if s.name == "web")
    assert web.calls[0].rules == ("CX001", "ORG001")


def test_a_finding_involves_everything_it_points_at():
    """SY002 points at every call of its chain: each service on it counts the finding, and
    each of those calls shows the code, as the diagrams draw it."""
    e = estate(
        svc("a", "one", queries=["b"]),
        svc("b", "one", queries=["c"]),
        svc("c", "two", queries=["d"]),
        svc("d", "two", queries=["e"]),
        svc("e", "three"),
        svc("z", "three"),
    )
    r = build_report(result(e), SPECS)
    (row,) = [row for row in r.findings if row.code == "SY002"]
    assert row.service == "a"
    assert [r.service_names[i] for i in row.services] == ["a", "b", "c", "d", "e"]
    assert [r.context_names[i] for i in row.contexts] == ["one", "three", "two"]
    sections = {s.name: s for s in r.services}
    assert all("SY002" in sections[n].calls[0].rules for n in "abcd")
    assert sections["a"].calls[0].rules == ("SY002",)  # inside one context: nothing else
    assert sections["z"].findings == 0 and sections["a"].findings == 1


def test_findings_grouped_by_root_cause_and_ordered_fix_first():
    from collections import Counter

    from helpers import REPO

    import archlint

    linted = archlint.lint([str(REPO / "samples/shop-request-driven")], cwd=str(REPO))
    rows = build_report(linted, {s.code: s for s in builtin_rules().specs}).findings
    by_fix = sorted(rows, key=lambda r: r.fix_order)
    assert [r.fix_order for r in by_fix] == list(range(1, len(rows) + 1))
    sizes = Counter(r.group for r in rows)
    assert all(r.group_size == sizes[r.group] for r in rows)
    topic = [r for r in rows if r.subject == "topic stock-movements"]
    assert len(topic) >= 2 and len({r.group for r in topic}) == 1  # one topic, one group
    severities = [r.severity for r in by_fix]
    assert severities.index("warning") > severities.index("error")


def test_a_section_per_topic_with_its_owner_writers_readers_and_events():
    from helpers import REPO

    import archlint

    linted = archlint.lint([str(REPO / "samples/shop-request-driven")], cwd=str(REPO))
    report = build_report(linted, {s.code: s for s in builtin_rules().specs})
    topics = {t.name: t for t in report.topic_sections}
    assert [t.anchor for t in report.topic_sections] == [f"t-{i}" for i in range(len(topics))]
    orders = topics["orders"]
    assert orders.owner == "orders" and orders.context == "orders"
    assert "orders" in orders.writers and "basket" in orders.readers
    assert "OrderPlaced" in orders.events and orders.granted == ("orders", "payments")  # broker
    unowned = topics["stock-movements"]
    assert unowned.owner is None and unowned.context == "" and unowned.findings
