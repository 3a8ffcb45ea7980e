"""`archlint impact`: hand-computed sets on the samples, the command line's formats, and a
brute-force cross-check of fails, delayed and the blast radii on random estates."""

from __future__ import annotations

import json
import math
import random

import pytest
from helpers import REPO, run_cli

from archlint import api
from archlint.impact import blast_radii, impact_of_service, impact_of_topic
from archlint.interactions import Interactions
from archlint.model import Call, Estate, EventStream, Location, Service

REQUEST_DRIVEN = str(REPO / "samples" / "shop-request-driven")
EVENT_DRIVEN = str(REPO / "samples" / "shop-event-driven")


def _impact(sample, name, depth=None):
    found, _ = api.impact(name, [sample], depth=depth, cwd=str(REPO))
    return found


def test_stock_in_the_request_driven_shop():
    # calls: storefront -> basket -> {catalogue, orders}; orders -> {stock, payments};
    # payments -> fraud-check; shipments -> orders. stock writes stock-movements, which
    # catalogue reads.
    found = _impact(REQUEST_DRIVEN, "stock")
    assert {r.service: r.path for r in found.fails} == {
        "basket": ("basket", "orders", "stock"),
        "orders": ("orders", "stock"),
        "shipments": ("shipments", "orders", "stock"),
        "storefront": ("storefront", "basket", "orders", "stock"),
    }
    assert [(r.service, r.path) for r in found.delayed] == [
        ("catalogue", ("stock", "stock-movements", "catalogue"))
    ]
    assert found.stale_views == ()
    (storefront,) = found.availability  # the only service with an slo
    by_hand = math.prod([99.95, 99.95, 99.95, 99.9, 99.95, 99.5, 99.9]) / 100**6
    assert storefront.service == "storefront" and storefront.slo == 99.9
    assert storefront.availability == pytest.approx(by_hand, abs=1e-9)
    assert storefront.margin == pytest.approx(by_hand - 99.9, abs=1e-9)


def test_payments_delays_what_lies_beyond_the_services_that_fail_with_it():
    found = _impact(REQUEST_DRIVEN, "payments")
    assert [r.service for r in found.fails] == ["basket", "orders", "shipments", "storefront"]
    # its topics are read by services that fail with it; catalogue, behind shipments, is late
    assert [(r.service, r.path) for r in found.delayed] == [
        ("catalogue", ("payments", "orders", "shipments", "stock-movements", "catalogue"))
    ]


def test_a_topic_subject():
    found = _impact(REQUEST_DRIVEN, "stock-movements")
    assert (found.kind, found.owner, found.writers, found.readers) == (
        "topic",
        None,
        ("shipments", "stock"),
        ("catalogue",),
    )
    assert found.fails == ()
    assert [(r.service, r.path) for r in found.delayed] == [
        ("catalogue", ("stock-movements", "catalogue"))
    ]


def test_stale_views_and_depth_in_the_event_driven_shop():
    # stock writes topic stock, read by orders, pricing and storefront, each with a view of it
    found = _impact(EVENT_DRIVEN, "stock", depth=1)
    assert found.fails == ()
    assert [r.service for r in found.delayed] == ["orders", "pricing", "storefront"]
    assert [(v.service, v.view, v.topic) for v in found.stale_views] == [
        ("orders", "stock-levels", "stock"),
        ("pricing", "demand", "stock"),
        ("storefront", "product-pages", "stock"),
    ]
    deeper = _impact(EVENT_DRIVEN, "stock")
    assert {r.service for r in found.delayed} < {r.service for r in deeper.delayed}
    assert set(found.stale_views) < set(deeper.stale_views)


def test_json_is_the_contract():
    result = run_cli(["impact", "stock", REQUEST_DRIVEN, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["version", "subject", "fails", "delayed", "stale_views", "availability"]
    assert data["subject"] == {"kind": "service", "name": "stock"}
    assert data["fails"][0] == {"service": "basket", "path": ["basket", "orders", "stock"]}
    assert data["delayed"] == [
        {"service": "catalogue", "path": ["stock", "stock-movements", "catalogue"]}
    ]
    assert list(data["availability"][0]) == ["service", "slo", "availability"]
    topic = json.loads(run_cli(["impact", "orders", EVENT_DRIVEN, "--format", "json"]).output)
    assert topic["subject"]["kind"] == "service"  # a service wins over a topic of its name
    topic = json.loads(run_cli(["impact", "prices", EVENT_DRIVEN, "--format", "json"]).output)
    assert set(topic["subject"]) == {"kind", "name", "owner", "writers", "readers"}


def test_text_and_diagrams():
    text = run_cli(["impact", "stock", REQUEST_DRIVEN]).output
    assert (
        "Fails with it (4" in text and "storefront: storefront -> basket -> orders -> stock" in text
    )
    assert "margin -0.7974 points" in text
    dot = run_cli(["impact", "stock", REQUEST_DRIVEN, "--format", "dot"]).output
    assert dot.count("#f9d2ce") == 4 and dot.count("#fff1c1") == 1 and dot.count("#e6d6f3") == 1
    mermaid = run_cli(["impact", "stock", REQUEST_DRIVEN, "--format", "mermaid"]).output
    assert "classDef fails" in mermaid and mermaid.count(":::fails") == 4
    assert mermaid.count(":::delayed") == 1 and mermaid.count(":::subject") == 1


@pytest.mark.slow
def test_svg():
    svg = run_cli(["impact", "stock", REQUEST_DRIVEN, "--format", "svg"]).output
    assert "<svg" in svg and "storefront" in svg


def test_an_unknown_name_gets_a_did_you_mean_and_exit_2():
    result = run_cli(["impact", "stok", REQUEST_DRIVEN])
    assert result.exit_code == 2
    assert "no service or topic named 'stok'" in result.output and "'stock'" in result.output


# -- brute force on random estates --------------------------------------------------------------


def random_estate(rng: random.Random, n: int) -> Estate:
    topics = [f"t{i}" for i in range(max(1, n // 2))]
    density = rng.choice([0.03, 0.1, 0.25])
    services = []
    for i in range(n):
        path = f"s{i}.yaml"
        at = Location(path, 3, 5)
        calls = tuple(
            Call("query", "Q", at, to=f"s{j}") for j in range(n) if rng.random() < density
        )
        writes = tuple(EventStream(t, None, at) for t in topics if rng.random() < density)
        reads = tuple(EventStream(t, None, at) for t in topics if rng.random() < density)
        services.append(
            Service(
                f"s{i}", "x", Location(path), path, queries=calls, produces=writes, consumes=reads
            )
        )
    return Estate.build(services)


def _distances(start, step):
    """Breadth first, level by level: node -> its distance from start."""
    found, frontier, distance = {start: 0}, [start], 0
    while frontier:
        distance += 1
        reached = []
        for node in frontier:
            for n in step(node):
                if n not in found:
                    found[n] = distance
                    reached.append(n)
        frontier = reached
    return found


def _reachable(start, step):
    seen, todo = {start}, [start]
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def flow_of(estate):
    """The event flow of an estate, brute force: ("s", service) -> the topics it writes,
    ("t", topic) -> the services that read it."""
    writes = {(s.name, p.topic) for s in estate.services for p in s.produces}
    reads = {(c.topic, s.name) for s in estate.services for c in s.consumes}

    def flow(node):
        kind, name = node
        if kind == "s":
            return [("t", t) for s, t in writes if s == name]
        return [("s", s) for t, s in reads if t == name]

    return flow


@pytest.mark.parametrize("seed", range(40))
def test_fails_and_delayed_match_brute_force(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, rng.randint(1, 20))
    ix = Interactions(estate)
    calls = {(s.name, c.to) for s in estate.services for c in s.queries}
    writes = {(s.name, p.topic) for s in estate.services for p in s.produces}
    reads = {(c.topic, s.name) for s in estate.services for c in s.consumes}

    def callers(name):
        return [a for a, b in calls if b == name]

    def flow(node):
        kind, name = node
        if kind == "s":
            return [("t", t) for s, t in writes if s == name]
        return [("s", s) for t, s in reads if t == name]

    radii = blast_radii(ix)
    for s in estate.services:
        found = impact_of_service(ix, s.name)
        fails = _reachable(s.name, callers) - {s.name}
        late = {n for k, n in _reachable(("s", s.name), flow) if k == "s"} - fails - {s.name}
        assert {r.service for r in found.fails} == fails
        assert {r.service for r in found.delayed} == late
        assert (radii.services[s.name].fails, radii.services[s.name].delayed) == (
            len(fails),
            len(late),
        )
        up = _distances(s.name, callers)
        down = _distances(("s", s.name), flow)
        for r in found.fails:  # a real call path, subject last, as short as any
            assert r.path[0] == r.service and r.path[-1] == s.name
            assert len(r.path) - 1 == up[r.service]
            assert all((a, b) in calls for a, b in zip(r.path, r.path[1:], strict=False))
        for r in found.delayed:  # services and topics alternate, subject first
            assert r.path[0] == s.name and r.path[-1] == r.service
            assert len(r.path) - 1 == down[("s", r.service)]
            pairs = list(zip(r.path, r.path[1:], strict=False))
            assert all(
                (a, b) in (writes if i % 2 == 0 else reads) for i, (a, b) in enumerate(pairs)
            )


@pytest.mark.parametrize("seed", range(10))
def test_depth_limits_the_hops(seed):
    rng = random.Random(seed)
    estate = random_estate(rng, 15)
    ix = Interactions(estate)
    for s in estate.services:
        for depth in (1, 2):
            found = impact_of_service(ix, s.name, depth=depth)
            assert all(len(r.path) - 1 <= depth for r in found.fails)
            assert all((len(r.path) - 1) // 2 <= depth for r in found.delayed)
            whole = impact_of_service(ix, s.name)
            assert {r.service for r in found.fails} == {
                r.service for r in whole.fails if len(r.path) - 1 <= depth
            }
        if "t0" in ix.topics:
            downstream = {n for k, n in _reachable(("t", "t0"), flow_of(estate)) if k == "s"}
            assert blast_radii(ix).topics["t0"] == len(downstream)
            topic = impact_of_topic(ix, "t0", depth=1)
            assert all(len(r.path) == 2 for r in topic.delayed)
