"""No knock-on findings: a field that fails the schema (AL002) is left out of the model, and
the rules that read it stay quiet for that document, so nothing tells the user to do what
they did. Rules that do not read the field still speak."""

from __future__ import annotations

from archlint.api import lint_texts


def service(name: str, context: str, spec: str) -> str:
    return (
        f"apiVersion: archlint/v1\nkind: Service\nmetadata:\n  name: {name}\n"
        f"  context: {context}\nspec:\n{spec}"
    )


ORDERS_WRITES = "  produces:\n    - topic: orders\n      events: [OrderPlaced]\n"
BILLING = service(
    "billing", "sales", "  consumes:\n    - topic: orders\n      events: [OrderPlaced]\n"
)


def codes(files: dict[str, str]) -> list[str]:
    return [f.code for f in lint_texts(files).findings]


def test_a_scalar_owns_is_al002_only_not_also_sw004():
    orders = service("orders", "sales", "  owns: orders\n" + ORDERS_WRITES)
    assert codes({"orders.yaml": orders, "billing.yaml": BILLING}) == ["AL002"]


def test_the_same_estate_with_owns_missing_is_sw004():
    orders = service("orders", "sales", ORDERS_WRITES)
    assert codes({"orders.yaml": orders, "billing.yaml": BILLING}) == ["SW004"]


def test_rules_that_do_not_read_the_broken_field_still_report():
    query = "  queries:\n    - to: stock\n      name: GetStock\n"
    orders = service(
        "orders", "sales", "  availability: lots\n  owns: [orders]\n" + ORDERS_WRITES + query
    )
    stock = service("stock", "stock", "  availability: 99.9\n")
    found = codes({"orders.yaml": orders, "billing.yaml": BILLING, "stock.yaml": stock})
    assert found == ["AL002", "CX001"]


def test_other_documents_are_not_quieted():
    orders = service("orders", "sales", "  owns: orders\n" + ORDERS_WRITES)
    other = service(
        "shipping", "sales", "  produces:\n    - topic: parcels\n      events: [Sent]\n"
    )
    found = codes({"orders.yaml": orders, "billing.yaml": BILLING, "shipping.yaml": other})
    assert sorted(found) == ["AL002", "RF003", "SW004"]
