"""The interaction index: every interaction once, with its kind, ends, names, place and
context crossing; per topic its owners, writers, readers and command senders; and what a
finding points at, by one rule for every code."""

from __future__ import annotations

from pathlib import Path

from archlint.findings import Finding, pointed_at
from archlint.interactions import (
    COMMAND,
    CONSUMES,
    PRODUCES,
    QUERY,
    TOPIC_COMMAND,
    VIEW_SOURCE,
    Interactions,
)
from archlint.loader import load_paths, load_texts
from archlint.model import Location

ESTATE = {
    "orders.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  owns: [orders]
  produces: [{topic: orders, events: [OrderPlaced]}]
  consumes: [{topic: payments}]
  commands:
    - {to: payments, name: Pay}
    - {topic: payment-commands, name: Refund}
  queries: [{to: stock, name: GetLevel}, {to: ghost, name: Boo}]
  views: [{name: paid, from: [payments]}]
""",
    "payments.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: payments, context: payments}
spec:
  owns: [payments, payment-commands]
  produces: [{topic: payments}, {topic: orders, events: [OrderPlaced]}]
  consumes: [{topic: payment-commands}]
  queries: [{to: orders, name: GetOrder}]
""",
    "stock.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: orders}
spec: {queries: [{to: stock, name: Self}]}
""",
}


def index() -> Interactions:
    loaded = load_texts(ESTATE)
    assert loaded.findings == ()
    return Interactions(loaded.estate)


def test_every_entry_is_one_interaction_with_its_kind_and_ends():
    found = [(i.kind, i.service.name, i.target) for i in index().by_service["orders"]]
    assert found == [
        (PRODUCES, "orders", "orders"),
        (CONSUMES, "orders", "payments"),
        (COMMAND, "orders", "payments"),
        (TOPIC_COMMAND, "orders", "payment-commands"),
        (QUERY, "orders", "stock"),
        (QUERY, "orders", "ghost"),
        (VIEW_SOURCE, "orders", "payments"),
    ]


def test_context_crossing_and_declared_targets():
    by_key = {(i.kind, i.target): i for i in index().by_service["orders"]}
    assert by_key[(COMMAND, "payments")].crosses_context is True
    assert by_key[(QUERY, "stock")].crosses_context is False  # stock lives in context orders
    assert by_key[(QUERY, "ghost")].target_service is None
    assert by_key[(QUERY, "ghost")].crosses_context is None
    assert by_key[(CONSUMES, "payments")].crosses_context is True  # its owner's context
    assert by_key[(TOPIC_COMMAND, "payment-commands")].names == ("Refund",)


def test_topic_facts():
    topics = index().topics
    assert list(topics) == ["orders", "payment-commands", "payments"]
    orders = topics["orders"]
    assert (orders.owner, orders.writers, orders.readers) == ("orders", ("orders", "payments"), ())
    commands = topics["payment-commands"]
    assert (commands.writers, commands.command_senders, commands.readers) == (
        (),
        ("orders",),
        ("payments",),
    )


def test_synchronous_calls_reachability_and_cycles():
    ix = index()
    assert sorted(ix.sync_graph.edges) == [
        ("orders", "payments"),
        ("orders", "stock"),
        ("payments", "orders"),
        ("stock", "stock"),
    ]
    assert ix.reaches("payments") == ("orders", "stock")
    assert ix.reached_by("stock") == ("orders", "payments")
    assert ix.called_by["ghost"][0].service.name == "orders"
    cycles = [sorted(c) for c in ix.sync_components if ix.is_cyclic(ix.sync_component_of[min(c)])]
    assert cycles == [["orders", "payments"], ["stock"]]


def test_a_finding_points_at_the_interaction_of_its_kind_between_its_ends():
    ix = index()
    query = next(i for i in ix.by_service["orders"] if i.kind == QUERY)
    cx = Finding("CX001", "m", query.location, {"service": "orders", "target": "stock"})
    assert pointed_at(cx, ix).interactions == (query,)
    sw002 = Finding(
        "SW002",
        "m",
        ix.topics["orders"].produces[1].events[0].location,
        {"topic": "orders", "event": "OrderPlaced", "services": ("orders", "payments")},
    )
    assert pointed_at(sw002, ix).interactions == ix.topics["orders"].produces


def test_cycles_chains_topics_and_services():
    ix = index()
    cycle = Finding("SY001", "m", None, {"services": ("orders", "payments")})
    assert {(i.service.name, i.target) for i in pointed_at(cycle, ix).interactions} == {
        ("orders", "payments"),
        ("payments", "orders"),
    }
    chain = Finding(
        "SY002", "m", None, {"service": "payments", "chain": ("payments", "orders", "stock")}
    )
    assert [(i.service.name, i.target) for i in pointed_at(chain, ix).interactions] == [
        ("payments", "orders"),
        ("orders", "stock"),
    ]
    owner = Finding(
        "SW005", "m", Location("orders.yaml", 5, 10), {"topic": "orders", "services": ("a", "b")}
    )
    assert pointed_at(owner, ix).topics == ("orders",)
    slo = Finding("SY003", "m", Location("stock.yaml", 1, 1), {"service": "stock"})
    assert pointed_at(slo, ix).services == ("stock",)


def test_a_services_topic_names_are_the_topics_of_its_interactions_and_what_it_owns():
    """What a recheck takes a service's topics to be (Service.topic_names) is what the index
    derives for it: a kind of interaction added to one and not the other fails here."""
    repo = str(Path(__file__).parent.parent)
    estates = [load_texts(ESTATE).estate]
    estates += [
        load_paths([f"samples/{s}"], cwd=repo).estate
        for s in ("shop-event-driven", "clustered-contexts")
    ]
    for estate in estates:
        index = Interactions(estate)
        for service in estate.services:
            derived = {i.target for i in index.by_service[service.name] if i.to_topic}
            assert service.topic_names == derived | {n.value for n in service.owns}
