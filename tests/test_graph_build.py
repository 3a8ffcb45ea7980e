"""The diagram model: clusters, topics, edges, violations, the context map and the focused
views, built from model objects and the real checks' findings."""

from __future__ import annotations

import random

import pytest
from helpers.model_estates import estate, generated, result, shop, svc

from archlint.diagram.build import build
from archlint.diagram.bundle import BUNDLE_LIMIT
from archlint.diagram.context_map import context_map
from archlint.diagram.dot import to_dot
from archlint.diagram.elements import (
    COMMAND,
    CONSUMES,
    CONTEXT,
    FLOW,
    PRODUCES,
    QUERY,
    SERVICE,
    UNDECLARED,
)
from archlint.diagram.elements import context_id as C
from archlint.diagram.elements import service_id as S
from archlint.diagram.elements import topic_id as T
from archlint.diagram.elements import undeclared_id as X
from archlint.diagram.focus import FocusError
from archlint.diagram.layout import grid
from archlint.diagram.service_level import EDGE_LABEL_LIMIT, service_diagram
from archlint.interactions import Interactions
from archlint.model import Estate


@pytest.fixture(scope="module")
def shop_result():
    return result(shop())


def edges_by_key(diagram):
    return {e.key: e for e in diagram.edges}


def test_one_cluster_per_context_with_its_services(shop_result):
    d = service_diagram(shop_result.interactions, shop_result.findings)
    assert [c.name for c in d.clusters] == ["identity", "money", "sales", "supply"]
    sales = sorted(n.name for n in d.nodes if n.cluster == "sales" and n.kind == "service")
    assert sales == ["basket", "orders", "web"]
    assert [c.detail for c in d.clusters if c.name == "sales"] == ["sales-division"]


def test_topics_sit_in_their_owners_context_and_unowned_ones_outside(shop_result):
    d = service_diagram(shop_result.interactions, shop_result.findings)
    assert d.node[T("orders")].cluster == "sales" and d.node[T("orders")].owner == "orders"
    assert d.node[T("payments")].cluster == "money"
    moves = d.node[T("moves")]
    assert moves.cluster is None and moves.owner is None and moves.detail == "no owner"
    assert moves.rules == ("SW004",)


def test_undeclared_call_targets_are_nodes_outside_every_cluster(shop_result):
    d = service_diagram(shop_result.interactions, shop_result.findings)
    ghost = d.node[X("ghost")]
    assert ghost.kind == UNDECLARED and ghost.cluster is None
    assert edges_by_key(d)[(S("payments"), X("ghost"), QUERY)].rules == ("RF001",)


def test_edges_by_kind_with_their_names(shop_result):
    e = edges_by_key(service_diagram(shop_result.interactions, shop_result.findings))
    assert e[(S("orders"), T("orders"), PRODUCES)].names == ("OrderCancelled", "OrderPlaced")
    assert e[(T("orders"), S("basket"), CONSUMES)].names == ("OrderPlaced",)
    assert e[(T("orders"), S("payments"), CONSUMES)].names == ()  # every event
    assert e[(S("basket"), S("orders"), COMMAND)].names == ("Do0",)
    assert e[(S("web"), S("basket"), QUERY)].names == ("Get1",)
    assert e[(S("shipping"), T("payments"), COMMAND)].names == ("Ask0",)  # a command on a topic


def test_violations_are_red_edges_labelled_with_their_rule(shop_result):
    e = edges_by_key(service_diagram(shop_result.interactions, shop_result.findings))
    assert e[(S("orders"), S("stock"), QUERY)].rules == ("CX001",)
    assert e[(S("orders"), S("payments"), COMMAND)].rules == ("CX002",)
    assert e[(S("payments"), T("orders"), PRODUCES)].rules == ("SW002", "SW003")
    assert e[(S("orders"), T("orders"), PRODUCES)].rules == (
        "SW002",
    )  # the other writer of the event
    assert e[(S("stock"), T("moves"), PRODUCES)].rules == ("SW001",)
    assert e[(S("shipping"), T("moves"), PRODUCES)].rules == ("SW001",)
    clean = [k for k, v in e.items() if not v.rules]
    assert (S("web"), S("sso"), QUERY) in clean  # a query to a global service is fine
    assert (S("basket"), S("orders"), COMMAND) in clean  # inside one context


def test_a_suppressed_or_absent_finding_draws_nothing_red(shop_result):
    d = service_diagram(shop_result.interactions, ())
    assert not any(e.rules for e in d.edges) and not any(n.rules for n in d.nodes)


def test_global_services_are_marked(shop_result):
    d = service_diagram(shop_result.interactions, shop_result.findings)
    assert d.node[S("sso")].is_global and not d.node[S("web")].is_global
    assert 'label="«global»\\nsso"' in to_dot(d)
    assert "peripheries=2" in to_dot(d)


def test_sync_cycles_are_red_on_every_call_of_the_cycle():
    e = estate(
        svc("a", "c", queries=["b"]), svc("b", "c", commands=["a"]), svc("z", "c", queries=["a"])
    )
    r = result(e)
    assert [f.code for f in r.findings] == ["SY001"]
    edges = edges_by_key(service_diagram(r.interactions, r.findings))
    assert edges[(S("a"), S("b"), QUERY)].rules == ("SY001",)
    assert edges[(S("b"), S("a"), COMMAND)].rules == ("SY001",)
    assert edges[(S("z"), S("a"), QUERY)].rules == ()


def test_context_map_counts_event_types_commands_queries_and_foreign_writes(shop_result):
    d = context_map(shop_result.interactions, shop_result.findings)
    assert [n.name for n in d.nodes] == ["identity", "money", "sales", "supply"]
    assert d.node[C("sales")].detail == "3 services, 1 topic"
    assert (
        d.node[C("identity")].detail == "1 service (1 global)" and d.node[C("identity")].is_global
    )
    e = {(x.source, x.target): x for x in d.edges}
    assert all(x.kind == FLOW for x in d.edges)
    # payments reads every event on orders: both types orders writes (OrderCancelled counts once)
    assert dict(e[(C("sales"), C("money"))].counts) == {"events": 2, "commands": 1}
    assert e[(C("sales"), C("money"))].rules == ("CX002",)
    assert dict(e[(C("money"), C("sales"))].counts) == {"writes": 1}
    assert e[(C("money"), C("sales"))].rules == ("SW002", "SW003")
    assert dict(e[(C("sales"), C("supply"))].counts) == {"queries": 1}
    assert e[(C("sales"), C("supply"))].rules == ("CX001",)
    assert dict(e[(C("money"), C("supply"))].counts) == {"events": 1}  # stock reads Paid
    assert dict(e[(C("supply"), C("money"))].counts) == {"commands": 1}  # on a topic: no violation
    assert e[(C("supply"), C("money"))].rules == ()
    assert dict(e[(C("sales"), C("identity"))].counts) == {"queries": 1}
    assert e[(C("sales"), C("identity"))].rules == ()  # sso is global
    assert (C("supply"), C("supply")) not in e  # inside one context: not on the map


def test_context_map_focus_keeps_the_context_and_its_neighbours(shop_result):
    d = context_map(shop_result.interactions, shop_result.findings, focus="identity")
    assert [n.name for n in d.nodes] == ["identity", "sales"]
    assert [(x.source, x.target) for x in d.edges] == [(C("sales"), C("identity"))]


def test_focus_context_collapses_each_neighbour_to_one_node(shop_result):
    d = build(shop_result.interactions, shop_result.findings, context="money")
    assert [c.name for c in d.clusters] == ["money"]
    inside = sorted(n.id for n in d.nodes if n.cluster == "money")
    assert inside == [S("payments"), T("payments")]
    neighbours = {n.name: n for n in d.nodes if n.kind == CONTEXT}
    assert sorted(neighbours) == ["sales", "supply"]
    assert all(n.collapsed and n.cluster is None for n in neighbours.values())
    assert neighbours["sales"].detail == "neighbour: 3 services, 1 topic"
    e = edges_by_key(d)
    # a collapsed topic is named on the edge instead of its events
    assert e[(C("sales"), S("payments"), CONSUMES)].names == ("orders",)
    assert e[(S("payments"), C("sales"), PRODUCES)].names == ("orders",)
    assert e[(S("payments"), C("sales"), PRODUCES)].rules == ("SW002", "SW003")
    assert e[(C("sales"), S("payments"), COMMAND)].rules == ("CX002",)
    assert e[(T("payments"), C("supply"), CONSUMES)].names == ("Paid",)
    assert e[(C("supply"), T("payments"), COMMAND)].names == ("Ask0",)
    # the undeclared service payments calls stays, outside every cluster
    assert d.node[X("ghost")].cluster is None
    # nothing between two neighbours
    assert not [x for x in d.edges if x.source.kind == CONTEXT and x.target.kind == CONTEXT]


def test_focus_context_keeps_unowned_topics_its_services_touch(shop_result):
    d = build(shop_result.interactions, shop_result.findings, context="supply")
    assert d.node[T("moves")].cluster is None
    e = edges_by_key(d)
    assert e[(S("stock"), T("moves"), PRODUCES)].rules == ("SW001",)


def test_focus_service_within_hops():
    e = estate(
        svc("a", "c1", produces={"t1": None}, owns=["t1"]),
        svc("b", "c1", consumes={"t1": None}, queries=["c"]),
        svc("c", "c2", commands=["d"]),
        svc("d", "c3"),
        svc("lonely", "c3"),
    )
    r = result(e)
    names = lambda d: sorted(n.name for n in d.nodes if n.kind == "service")  # noqa: E731
    assert names(build(r.interactions, r.findings, service="b", hops=0)) == ["b"]
    assert names(build(r.interactions, r.findings, service="b", hops=1)) == ["a", "b", "c"]
    assert names(build(r.interactions, r.findings, service="b", hops=2)) == ["a", "b", "c", "d"]
    one = build(r.interactions, r.findings, service="b", hops=1)
    assert T("t1") in one.node  # the topic between a and b: part of the hop
    assert [c.name for c in one.clusters] == ["c1", "c2"]
    assert one.focus == (("service", "b"), ("hops", "1"))
    assert names(build(r.interactions, r.findings, service="a", hops=1)) == ["a", "b"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"context": "sale"}, "no context named 'sale' in the estate; did you mean 'sales'?"),
        ({"service": "order"}, "no service named 'order' in the estate; did you mean 'orders'?"),
        ({"context": "sales", "service": "orders"}, "give --context or --service, not both"),
        ({"level": "context", "service": "orders"}, "--service focuses the service level"),
        ({"level": "context", "context": "nowhere"}, "no context named 'nowhere'"),
    ],
)
def test_a_focus_on_nothing_says_what_exists(shop_result, kwargs, message):
    with pytest.raises(FocusError) as err:
        build(shop_result.interactions, shop_result.findings, **kwargs)
    assert message in str(err.value)


def test_the_same_estate_in_any_order_gives_the_same_diagram(shop_result):
    services = list(shop_result.estate.services)
    random.Random(7).shuffle(services)
    shuffled = Estate.build(services, contexts=shop_result.estate.contexts)
    findings = list(shop_result.findings)
    random.Random(3).shuffle(findings)
    for kwargs in (
        {},
        {"level": "context"},
        {"context": "sales"},
        {"service": "orders", "hops": 2},
    ):
        assert to_dot(build(Interactions(shuffled), findings, **kwargs)) == to_dot(
            build(shop_result.interactions, shop_result.findings, **kwargs)
        )


def test_edge_labels_by_size_unless_asked(shop_result):
    assert build(shop_result.interactions).edge_labels
    assert not build(shop_result.interactions, edge_labels=False).edge_labels
    big = estate(*[svc(f"s{i}", f"c{i % 7}") for i in range(EDGE_LABEL_LIMIT + 1)])
    assert not build(Interactions(big)).edge_labels
    assert build(Interactions(big), edge_labels=True).edge_labels


@pytest.fixture(scope="module")
def big():
    return result(generated(300))


def test_a_large_estate_bundles_or_omits_edges_between_contexts(big):
    d = build(big.interactions, big.findings)
    assert d.bundled and len(d.nodes) > BUNDLE_LIMIT
    cluster_of = {n.id: n.cluster for n in d.nodes}
    between = [
        e
        for e in d.edges
        if e.kind != FLOW
        and cluster_of.get(e.source)
        and cluster_of.get(e.target)
        and cluster_of[e.source] != cluster_of[e.target]
    ]
    assert between and all(e.rules for e in between)  # only violations cross contexts one by one
    full = build(big.interactions, big.findings, bundle=False)
    assert not full.bundled and len(full.edges) > len(d.edges)
    omitted = sum(
        1
        for e in full.edges
        if cluster_of.get(e.source)
        and cluster_of.get(e.target)
        and cluster_of[e.source] != cluster_of[e.target]
        and not e.rules
    )
    flows = [e for e in d.edges if e.kind == FLOW]
    assert (
        d.omitted == omitted if not flows else sum(n for e in flows for _, n in e.counts) >= omitted
    )


def test_a_few_bundles_are_drawn_as_edges_between_clusters():
    services = []
    for c in range(4):
        for i in range(40):
            owns = [f"t{c}-{i}"]
            services.append(
                svc(
                    f"s{c}-{i}",
                    f"c{c}",
                    owns=owns,
                    produces={owns[0]: ["E"]},
                    consumes={f"t{c}-{(i + 1) % 40}": None},
                )
            )
    services.append(svc("reader", "c0", consumes={"t1-0": None, "t2-0": None}))
    e = estate(*services)
    d = build(Interactions(e))
    flows = sorted((x.source, x.target, x.counts) for x in d.edges if x.kind == FLOW)
    assert flows == [(C("c1"), C("c0"), (("events", 1),)), (C("c2"), C("c0"), (("events", 1),))]
    assert d.omitted == 0
    dot = to_dot(d)
    assert "compound=true" in dot.replace('"', "") and 'lhead="cluster_c0"' in dot


def test_grid_layout_keeps_edges_pointing_forward_inside_clusters(big):
    d = build(big.interactions, big.findings)
    layout = grid(d)
    assert set(layout.ranks) == {n.id for n in d.nodes}
    cluster_of = {n.id: n.cluster for n in d.nodes}
    inside = [
        e
        for e in d.edges
        if e.kind in (PRODUCES, COMMAND, QUERY)
        and e.source != e.target
        and cluster_of.get(e.source)
        and cluster_of[e.source] == cluster_of.get(e.target)
    ]
    forward = sum(layout.ranks[e.target] > layout.ranks[e.source] for e in inside)
    assert forward >= 0.95 * len(inside)  # only edges that close a cycle may point back
    # clusters spread over several columns, so the drawing is not one tall column
    first_rank = {}
    for n in d.nodes:
        if n.cluster:
            first_rank[n.cluster] = min(first_rank.get(n.cluster, 10**9), layout.ranks[n.id])
    assert len(set(first_rank.values())) >= 3


def test_a_dense_context_map_moves_its_counts_to_tooltips():
    services = []
    for c in range(16):
        reads = {f"t{o}": None for o in range(16) if o != c}
        services.append(
            svc(
                f"s{c}",
                f"c{c}",
                owns=[f"t{c}"],
                produces={f"t{c}": ["E"]},
                consumes=reads,
                queries=["s0"] if c == 1 else (),
            )
        )
    e = estate(*services)
    r = result(e)
    d = build(r.interactions, r.findings, level="context")
    assert len(d.edges) == 16 * 15
    dot = to_dot(d)
    assert dot.count('tooltip="1 event"') == 16 * 15 - 1
    assert 'label="CX001\\n1 event, 1 query"' in dot  # a violation keeps its label
    assert 'splines="line"' in dot and "their counts are in their tooltips" in dot


def test_node_ids_are_typed_and_sort_as_they_are_written():
    ids = [S("b"), T("a"), C("z"), X("a"), S("a b"), S("a"), T("a:b"), C("")]
    assert [str(i) for i in sorted(ids)] == sorted(str(i) for i in ids)
    assert str(S("orders")) == "s:orders" and S("orders") != T("orders")
    assert (S("a").kind, S("a").name) == (SERVICE, "a")


def test_findings_about_a_service_or_a_topic_mark_its_node():
    e = estate(
        svc("api", "web", queries=["db"], slo=99.99, availability=99.99),
        svc("db", "web", availability=99.0),
        svc("feed", "web", owns=["news"], produces={"news": ["Posted"]}),
    )
    r = result(e)
    assert {f.code for f in r.findings} >= {"SY003", "RF003"}
    d = service_diagram(r.interactions, r.findings)
    assert d.node[S("api")].rules == ("SY003",)  # its slo is out of reach
    assert d.node[T("news")].rules == ("RF003",)  # nobody reads it
    assert d.node[S("db")].rules == () and d.node[S("feed")].rules == ()
    assert 'label="api\\nSY003"' in to_dot(d)
