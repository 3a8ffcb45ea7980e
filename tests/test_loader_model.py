"""Manifests -> the model: every element with the place it was written."""

from __future__ import annotations

from archlint.loader import load_texts
from archlint.model import Call, EventStream, Location, Name, Suppression, View

ORDERS = """\
# the orders service
---
apiVersion: archlint/v1
kind: Service
metadata:
  name: orders
  context: orders
  owner: team-checkout
  description: Owns the order lifecycle.
  tags: [checkout, core]
spec:
  global: false
  availability: 99.95
  slo: 99
  owns: [orders]
  produces:
    - topic: orders
      events: [OrderRequested, OrderValidated]
  consumes:
    - topic: payments
  commands:
    - to: payments
      name: ProcessPayment
    - topic: payment-commands
      name: RefundPayment
  queries:
    - {to: stock, name: GetStockLevel}
  views:
    - name: stock-levels
      from: [stock, prices]
  ignore:
    CX001: Stock check moves to a local view in Q3.
"""

TOPIC = """\
apiVersion: archlint/v1
kind: Topic
metadata:
  name: order-validations
  description: Results of each order check.
spec:
  owner: validations-aggregator
  writers: [fraud, inventory]
  events: [OrderValidationResult]
  schema: schemas/order-validation.avsc
"""

CONTEXT = """\
apiVersion: archlint/v1
kind: Context
metadata:
  name: orders
  description: Everything from basket to confirmed order.
  owner: checkout-division
"""


def at(line: int, column: int, path: str = "services/orders.yaml") -> Location:
    return Location(path, line, column)


def test_a_service_with_every_location():
    result = load_texts({"services/orders.yaml": ORDERS})
    assert result.findings == ()
    [s] = result.estate.services
    assert (s.name, s.context, s.owner, s.description, s.tags) == (
        "orders",
        "orders",
        "team-checkout",
        "Owns the order lifecycle.",
        ("checkout", "core"),
    )
    assert (s.is_global, s.availability, s.slo, s.path) == (
        False,
        99.95,
        99.0,
        "services/orders.yaml",
    )
    assert s.location == at(3, 1)
    assert (s.name_location, s.context_location) == (at(6, 9), at(7, 12))
    assert (s.availability_location, s.slo_location) == (at(13, 17), at(14, 8))
    assert s.owns == (Name("orders", at(15, 10)),)
    assert s.produces == (
        EventStream(
            "orders",
            (Name("OrderRequested", at(18, 16)), Name("OrderValidated", at(18, 32))),
            at(17, 7),
        ),
    )
    assert s.consumes == (EventStream("payments", None, at(20, 7)),)
    assert s.commands == (
        Call("command", "ProcessPayment", at(22, 7), to="payments"),
        Call("command", "RefundPayment", at(24, 7), topic="payment-commands"),
    )
    assert s.queries == (Call("query", "GetStockLevel", at(27, 7), to="stock"),)
    assert s.views == (
        View("stock-levels", (Name("stock", at(30, 14)), Name("prices", at(30, 21))), at(29, 7)),
    )
    assert s.ignore == (
        Suppression("CX001", "Stock check moves to a local view in Q3.", at(32, 5)),
    )


def test_a_topic_and_a_context():
    result = load_texts({"t.yaml": TOPIC + "---\n" + CONTEXT})
    assert result.findings == ()
    [topic] = result.estate.topics
    assert topic.location == Location("t.yaml", 1, 1)
    assert topic.name_location == Location("t.yaml", 4, 9)
    assert topic.owner == Name("validations-aggregator", Location("t.yaml", 7, 10))
    assert topic.writers == (
        Name("fraud", Location("t.yaml", 8, 13)),
        Name("inventory", Location("t.yaml", 8, 20)),
    )
    assert topic.events == (Name("OrderValidationResult", Location("t.yaml", 9, 12)),)
    assert (topic.description, topic.schema) == (
        "Results of each order check.",
        "schemas/order-validation.avsc",
    )
    [context] = result.estate.contexts
    assert (context.name, context.location, context.owner) == (
        "orders",
        Location("t.yaml", 12, 1),
        "checkout-division",
    )


def test_minimal_manifests_leave_the_optional_parts_empty():
    result = load_texts(
        {
            "a.yaml": "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: c}\n",
            "t.yaml": "apiVersion: archlint/v1\nkind: Topic\nmetadata: {name: t}\n",
        }
    )
    assert result.findings == ()
    [service] = result.estate.services
    assert (
        service.produces,
        service.owns,
        service.availability,
        service.availability_location,
    ) == ((), (), None, None)
    [topic] = result.estate.topics
    assert (topic.owner, topic.writers, topic.events) == (None, None, None)


def test_estate_counts_every_file_read():
    result = load_texts({"a.yaml": ORDERS, "other.yaml": "x: 1\n", "empty.yaml": ""})
    assert result.estate.files == 3
    assert result.estate.paths == ("a.yaml", "empty.yaml", "other.yaml")


ASYNCAPI = """\
asyncapi: 3.0.0
info:
  title: Account Service
  version: 1.0.0
  x-context: accounts
channels:
  userSignedUp:
    address: user/signedup
    messages:
      UserSignedUp:
        payload: {type: object}
operations:
  sendUserSignedUp:
    action: send
    channel: {$ref: '#/channels/userSignedUp'}
"""


def test_asyncapi_documents_go_to_the_asyncapi_reader_with_the_configured_contexts():
    no_context = ASYNCAPI.replace("  x-context: accounts\n", "")
    result = load_texts({"api/account.yaml": no_context}, asyncapi_contexts={"api/*": "billing"})
    assert result.findings == ()
    [service] = result.estate.services
    assert (service.name, service.context, service.path) == (
        "account-service",
        "billing",
        "api/account.yaml",
    )
    assert [s.topic for s in service.produces] == ["user/signedup"]


def test_a_config_file_with_an_asyncapi_section_is_not_an_asyncapi_document():
    config = (
        "asyncapi:\n  contexts: {'**': x}\n  contexts: {'**': y}\n"  # even its repeat is not ours
    )
    result = load_texts({"archlint.yaml": config})
    assert (result.estate.services, result.findings) == ((), ())


def test_services_from_asyncapi_take_part_in_duplicate_names():
    """With the real reader: the AsyncAPI service and a manifest of the same name meet in AL004."""
    manifest = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: account-service, context: accounts}\n"
    result = load_texts({"a.yaml": manifest, "b.yaml": ASYNCAPI})
    assert [s.name for s in result.estate.services] == ["account-service"]
    assert [
        (f.code, f.location.path, f.entities) for f in result.findings if f.code == "AL004"
    ] == [("AL004", "b.yaml", {"service": "account-service"})]


def test_asyncapi_documents_with_alias_bombs_are_refused_before_they_are_read():
    # Read, this document would be a service without findings; refused, it is nothing.
    recursive = ASYNCAPI.replace("info:\n", "info: &i\n").replace(
        "  version: 1.0.0\n", "  self: *i\n"
    )
    result = load_texts({"api.yaml": recursive})
    assert [(f.code, f.location.line) for f in result.findings] == [("AL001", 4)]
    assert result.estate.services == ()
