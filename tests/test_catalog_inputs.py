"""EventCatalog and Backstage inputs in a lint run: recognised by content and layout, mixed
with manifests and AsyncAPI in one estate, and the sample written as an EventCatalog."""

from __future__ import annotations

from helpers import REPO, run_cli, write_files
from helpers.catalogs import page

from archlint.api import lint
from archlint.config import Config

SAMPLES = REPO / "samples"


def _findings(result):
    return sorted((f.code, f.message, tuple(sorted(f.entities.items()))) for f in result.findings)


def test_the_eventcatalog_shop_lints_as_the_event_driven_shop():
    catalog = lint([str(SAMPLES / "eventcatalog-shop")], Config(), baseline=False, cwd=str(REPO))
    manifests = lint([str(SAMPLES / "shop-event-driven")], Config(), baseline=False, cwd=str(REPO))
    assert _findings(catalog) == _findings(manifests)
    by_name = {s.name: s for s in manifests.estate.services}
    assert sorted(by_name) == [s.name for s in catalog.estate.services]
    for service in catalog.estate.services:
        twin = by_name[service.name]
        assert (service.context, service.owner, service.availability, service.slo) == (
            twin.context, twin.owner, twin.availability, twin.slo,
        )  # fmt: skip
        # the one route: the orders channel routes to orders.analytics, which pricing reads
        written = {s.topic for s in service.produces} - {"orders.analytics"}
        read = {"orders" if s.topic == "orders.analytics" else s.topic for s in service.consumes}
        assert written == {s.topic for s in twin.produces}, service.name
        assert read == {s.topic for s in twin.consumes}, service.name
        assert sorted((c.kind, c.name, c.to, c.topic) for c in service.calls) == sorted(
            (c.kind, c.name, c.to, c.topic) for c in twin.calls
        )
    assert catalog.estate.sources == (("EventCatalog", 9),)


MANIFEST = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: shop}
spec:
  consumes: [{topic: 'event:paid', events: [paid]}]
"""

ASYNCAPI = """\
asyncapi: 3.0.0
info: {title: Billing, version: '1', x-context: shop}
channels:
  paid: {address: 'event:paid', messages: {paid: {name: paid}}}
operations:
  sendPaid: {action: send, channel: {$ref: '#/channels/paid'}}
"""

BACKSTAGE = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: web}
spec: {type: website, owner: shop, dependsOn: ['component:orders']}
"""


def test_manifests_asyncapi_eventcatalog_and_backstage_mix_and_a_service_described_twice_is_al004(
    tmp_path,
):
    write_files(
        tmp_path,
        {
            "manifests/orders.yaml": MANIFEST,
            "asyncapi/billing.yaml": ASYNCAPI,
            "backstage/catalog-info.yaml": BACKSTAGE,
            "catalog/domains/shop/index.mdx": page(
                "id: shop\nservices: [{id: orders}, {id: payments}]"
            ),
            "catalog/services/orders/index.mdx": page("id: orders"),
            "catalog/services/payments/index.mdx": page("id: payments\nreceives: [{id: paid}]"),
            "catalog/events/paid/index.mdx": page("id: paid"),
        },
    )
    result = lint(["."], Config(), baseline=False, cwd=str(tmp_path))
    assert [s.name for s in result.estate.services] == ["billing", "orders", "payments", "web"]
    assert result.estate.sources == (("AsyncAPI", 1), ("Backstage", 1), ("EventCatalog", 2))
    duplicate = [f for f in result.findings if f.code == "AL004"]
    assert [str(f.location) for f in duplicate] == ["manifests/orders.yaml:3:18"]
    # the catalog's `receives` names no channel and no catalog service sends the event: the
    # inferred topic is the one the AsyncAPI document writes, so the two meet
    payments = result.estate.service["payments"]
    assert [s.topic for s in payments.consumes] == ["event:paid"]
    assert not [f for f in result.findings if f.code in ("RF002", "RF003")]


def test_a_finding_on_an_inferred_topic_says_how_it_was_inferred(tmp_path):
    write_files(
        tmp_path,
        {
            "domains/shop/index.mdx": page("id: shop\nservices: [{id: a}]"),
            "services/a/index.mdx": page("id: a\nsends: [{id: placed}]"),
            "events/placed/index.mdx": page("id: placed"),
        },
    )
    result = lint(["."], Config(), baseline=False, cwd=str(tmp_path))
    (rf003,) = [f for f in result.findings if f.code == "RF003"]
    assert str(rf003.location) == "services/a/index.mdx:3:14"
    assert rf003.message.endswith(
        "(topic inferred from the event name: the catalog names no channel)"
    )


def test_asyncapi_files_named_in_specifications_are_not_read_as_services(tmp_path):
    write_files(
        tmp_path,
        {
            "domains/shop/index.mdx": page("id: shop\nservices: [{id: billing}]"),
            "services/billing/index.mdx": page(
                "id: billing\nspecifications:\n  - type: asyncapi\n    path: asyncapi.yaml"
            ),
            "services/billing/asyncapi.yaml": ASYNCAPI,
        },
    )
    result = lint(["."], Config(), baseline=False, cwd=str(tmp_path))
    assert [(s.name, s.path) for s in result.estate.services] == [
        ("billing", "services/billing/index.mdx")
    ]
    assert not [f for f in result.findings if f.code == "AL004"]


def test_the_shared_catalogs_lint_without_a_traceback_at_their_files_lines():
    result = lint(
        ["tests/fixtures/eventcatalog", "tests/fixtures/backstage"],
        Config(),
        baseline=False,
        cwd=str(REPO),
    )
    at = {(f.code, str(f.location)) for f in result.findings}
    base = "tests/fixtures/"
    assert (
        "AL002",
        base
        + "eventcatalog/federation/team-fulfilment/catalog/services/fulfilment-service/index.mdx:8:9",
    ) in at
    assert (
        "RF001",
        base + "eventcatalog/legacy-v1-basic/events/ShipmentDelivered/index.md:9:7",
    ) in at
    # `        subscribe:` of the measured channel, inline in the streetlights API, line 61
    assert ("SW004", base + "backstage/examples/apis/streetlights-api.yaml:61:9") in at
    sources = dict(result.estate.sources)
    assert sources["Backstage"] == 12 and sources["EventCatalog"] >= 2


def test_statistics_and_the_report_say_how_many_services_came_from_each_input(tmp_path):
    out = run_cli(
        ["lint", "--statistics", "samples/eventcatalog-shop", "tests/fixtures/backstage"], cwd=REPO
    )
    assert "services: 12 from Backstage, 9 from EventCatalog)." in out.output.splitlines()[-2]
    # 19 manifests and the broker configuration (broker/topics.yaml, broker/users.yaml)
    plain = run_cli(["lint", "samples/shop-event-driven"], cwd=REPO)
    assert plain.output.splitlines()[-1] == "All checks passed (21 files, 9 services)."
    target = tmp_path / "report.html"
    run_cli(["report", "samples/eventcatalog-shop", "-o", str(target)], cwd=REPO)
    assert (
        '<p class="muted" id="sources">Services by input: 9 from EventCatalog.</p>'
        in target.read_text()
    )


def test_graph_report_and_baseline_work_on_catalog_inputs_unchanged(tmp_path):
    graph = run_cli(["graph", "tests/fixtures/backstage", "--format", "mermaid"], cwd=REPO)
    assert graph.exit_code == 0 and "petstore" in graph.output
    baseline = tmp_path / "baseline.json"
    made = run_cli(["baseline", "tests/fixtures/eventcatalog", "-o", str(baseline)], cwd=REPO)
    assert made.exit_code == 0, made.output
    again = run_cli(["lint", "tests/fixtures/eventcatalog", "--baseline", str(baseline)], cwd=REPO)
    assert again.exit_code == 0 and "accepted by the baseline" in again.output


def test_the_report_shows_the_catalog_s_own_id_beside_the_slug(tmp_path):
    target = tmp_path / "report.html"
    run_cli(["report", "tests/fixtures/eventcatalog/legacy-v1-basic", "-o", str(target)], cwd=REPO)
    assert '<h4>orders-service <span class="muted">(Orders Service)</span>' in target.read_text()


def test_another_service_sending_a_service_s_own_event_writes_its_topic_sw003(tmp_path):
    write_files(
        tmp_path,
        {
            "domains/shop/index.mdx": page("id: shop\nservices: [{id: a}, {id: b}, {id: c}]"),
            "services/a/index.mdx": page("id: a\nsends: [{id: paid}]"),
            "services/a/events/paid/index.mdx": page("id: paid"),
            "services/b/index.mdx": page("id: b\nsends: [{id: paid}]"),
            "services/c/index.mdx": page("id: c\nreceives: [{id: paid}]"),
        },
    )
    result = lint(["."], Config(), baseline=False, cwd=str(tmp_path))
    sw003 = [f for f in result.findings if f.code == "SW003"]
    assert [(str(f.location), dict(f.entities)["service"]) for f in sw003] == [
        ("services/b/index.mdx:3:14", "b")
    ]
    assert sw003[0].message.endswith(
        "(topic inferred from the event name: the catalog names no channel)"
    )
