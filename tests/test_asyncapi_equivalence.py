"""One small estate written twice, as AsyncAPI documents (2.6 and 3.0 mixed) and as archlint
manifests: the event findings (SW001, SW003, SW004, RF002, RF003) are the same, entities and
messages alike; only the places differ, and each points into its own kind of file."""

from __future__ import annotations

from helpers.asyncapi_estate import ASYNCAPI, EVENT_RULES

from archlint.api import lint_texts
from archlint.config import Config
from archlint.registry import LOADER_CODES

MANIFESTS = {
    "services/orders.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: shop}
spec:
  owns: [orders]
  produces:
    - {topic: orders, events: [OrderPlaced, OrderCancelled]}
  consumes:
    - {topic: payments, events: [PaymentProcessed]}
    - {topic: ghost-topic}
  commands:
    - {topic: stock-commands, name: ReserveStock}
""",
    "services/payments.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: payments, context: shop}
spec:
  produces:
    - {topic: payments, events: [PaymentProcessed]}
  consumes:
    - {topic: orders, events: [OrderPlaced, OrderShipped]}
""",
    "services/fraud.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: fraud, context: shop}
spec:
  produces:
    - {topic: orders, events: [FraudSuspected]}
    - {topic: alerts, events: [Alert]}
""",
    "services/audit.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: audit, context: shop}
spec:
  produces:
    - {topic: alerts, events: [Alert]}
""",
    "services/stock.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: shop}
spec:
  owns: [stock-commands]
  consumes:
    - {topic: stock-commands, events: [ReserveStock]}
  produces:
    - {topic: stock, events: [StockReserved]}
""",
}

LOADER_RULES = tuple(sorted(LOADER_CODES))


def event_findings(files):
    assert lint_texts(files, Config(select=LOADER_RULES)).findings == ()
    findings = lint_texts(files, Config(select=EVENT_RULES)).findings
    return findings, {(f.code, f.message, tuple(sorted(f.entities.items()))) for f in findings}


def test_asyncapi_and_manifests_give_the_same_event_findings():
    from_asyncapi, asyncapi_set = event_findings(ASYNCAPI)
    from_manifests, manifest_set = event_findings(MANIFESTS)
    assert asyncapi_set == manifest_set
    assert len(from_asyncapi) == len(from_manifests)
    # The estate was written to trip every one of the five rules.
    assert {f.code for f in from_asyncapi} == set(EVENT_RULES)
    assert {f.path for f in from_asyncapi} <= set(ASYNCAPI)
    assert {f.path for f in from_manifests} <= set(MANIFESTS)


def test_the_expected_findings():
    findings, _ = event_findings(ASYNCAPI)
    got = sorted((f.code, tuple(sorted(f.entities.items()))) for f in findings)
    assert got == sorted(
        [
            ("RF002", (("service", "orders"), ("topic", "ghost-topic"))),
            ("RF002", (("event", "OrderShipped"), ("service", "payments"), ("topic", "orders"))),
            ("RF003", (("event", "FraudSuspected"), ("topic", "orders"))),
            ("RF003", (("event", "OrderCancelled"), ("topic", "orders"))),
            ("RF003", (("event", "Alert"), ("topic", "alerts"))),
            ("RF003", (("event", "StockReserved"), ("topic", "stock"))),
            ("SW001", (("service", "audit"), ("topic", "alerts"))),
            ("SW001", (("service", "fraud"), ("topic", "alerts"))),
            ("SW003", (("service", "fraud"), ("topic", "orders"))),
            ("SW004", (("topic", "alerts"),)),
            ("SW004", (("topic", "payments"),)),
            ("SW004", (("topic", "stock"),)),
        ]
    )


def test_findings_point_at_the_operation_in_the_document():
    findings, _ = event_findings(ASYNCAPI)
    sw003 = next(f for f in findings if f.code == "SW003")
    assert str(sw003.location) == "fraud/asyncapi.yaml:7:3"  # the `flag:` operation
    rf002 = next(f for f in findings if f.code == "RF002" and f.entities["topic"] == "ghost-topic")
    assert str(rf002.location) == "orders/asyncapi.yaml:24:3"  # `listenToGhosts:`


def test_x_archlint_ignore_suppresses_findings_in_its_document():
    files = dict(ASYNCAPI)
    files["fraud/asyncapi.yaml"] += "x-archlint-ignore:\n  SW003: moves to its own topic in Q3\n"
    findings, _ = event_findings(files)
    assert "SW003" not in {f.code for f in findings}
    everything = lint_texts(files).findings
    assert "AL005" not in {f.code for f in everything}  # the suppression was used
