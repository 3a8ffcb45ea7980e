"""The cache's codec: every field of every model class survives the round trip, so that a
field added to the model and forgotten in archlint/cache/codec.py fails here."""

from __future__ import annotations

import dataclasses
import marshal
from types import MappingProxyType

import pytest

from archlint.cache import codec
from archlint.engine import Checked
from archlint.findings import Finding
from archlint.model import (
    Broker,
    Call,
    Context,
    Estate,
    EventStream,
    Grant,
    Location,
    Name,
    Provision,
    Service,
    Suppression,
    Topic,
    View,
)


def at(line: int) -> Location:
    return Location("svc/a.yaml", line, line + 1)


def name(value: str, line: int) -> Name:
    return Name(value, at(line))


SERVICE = Service(
    name="orders", context="sales", location=at(1), path="svc/a.yaml", owner="team",
    description="Owns orders.", tags=("a", "b"), is_global=True, availability=99.95,
    slo=99.9, owns=(name("orders", 2),),
    produces=(EventStream("orders", (name("OrderPlaced", 3),), at(4)),),
    consumes=(EventStream("payments", None, at(5)),),
    commands=(Call("command", "Pay", at(6), to="payments"),),
    queries=(Call("query", "GetStock", at(7), topic="stock-q"),),
    views=(View("stock", (name("stock", 8),), at(9)),),
    ignore=(Suppression("CX001", "Q3", at(10)),),
    name_location=at(11), context_location=at(12), availability_location=at(13),
    slo_location=at(14), title="Orders Service", broken=("views",),
)  # fmt: skip
TOPIC = Topic(
    name="orders", location=at(20), path="svc/a.yaml", description="d",
    owner=name("orders", 21), writers=(name("x", 22),), events=(name("E", 23),),
    schema="s.avsc", name_location=at(24), broken=("events",),
)  # fmt: skip
CONTEXT = Context("sales", at(30), "svc/a.yaml", description="d", owner="o")
GRANT = Grant(
    "User:orders", "ord", "prefix", frozenset({"WRITE"}), at(40), allow=False,
    service="orders", broad=True, except_for=frozenset({"x"}),
)  # fmt: skip
ESTATE = Estate(
    services=(SERVICE,), topics=(TOPIC,), contexts=(CONTEXT,), files=3,
    paths=("svc/a.yaml", "svc/b.yaml"),
    broker=Broker((GRANT,), (Provision("orders", at(41)),), MappingProxyType({"p": "s"}),
                  frozenset({"admin"})),
    sources=(("AsyncAPI", 1), ("manifests", 2)),
)  # fmt: skip
FINDING = Finding("SW002", "m", at(50), {"topic": "t", "services": ("a", "b")}, "slug", "warning")


def _non_default(instance: object) -> None:
    """Every field holds something other than its default: a forgotten one would not pass."""
    for field in dataclasses.fields(instance):  # type: ignore[arg-type]
        if field.default is not dataclasses.MISSING:
            assert getattr(instance, field.name) != field.default, field.name


@pytest.mark.parametrize("instance", [SERVICE, TOPIC, CONTEXT, GRANT, FINDING])
def test_the_fixtures_set_every_field(instance):
    _non_default(instance)


def test_an_estate_survives_marshal_and_back():
    row = marshal.loads(marshal.dumps(codec.encode_estate(ESTATE)))
    assert codec.decode_estate(row) == ESTATE
    assert codec.decode_estate(row).broker == ESTATE.broker


def test_every_field_is_stored():
    assert len(codec.encode_service(SERVICE)) == len(dataclasses.fields(Service))
    assert len(codec.encode_topic(TOPIC)) == len(dataclasses.fields(Topic))
    assert len(codec.encode_context(CONTEXT)) == len(dataclasses.fields(Context))
    assert len(codec.encode_finding(FINDING)) == len(dataclasses.fields(Finding))
    assert len(codec.encode_estate(ESTATE)) == len(dataclasses.fields(Estate))
    # the classes inside them (Location, Name, EventStream, Call, View, Suppression, Grant,
    # Provision) are compared field by field by the round trips of the fixtures above


@pytest.mark.parametrize("element", [SERVICE, TOPIC, CONTEXT])
def test_elements_and_findings_come_back_equal(element):
    row = marshal.loads(marshal.dumps(codec.encode_element(element)))
    assert codec.decode_element(row) == element
    finding = marshal.loads(marshal.dumps(codec.encode_finding(FINDING)))
    assert codec.decode_finding(finding) == FINDING


@pytest.mark.parametrize(
    "row", [None, 3, "x", (), (0,), (0, ("a",)), (9, ()), (0, (1,) * 23), (2, ("a", 1, 2, 3, 4))]
)
def test_a_row_that_is_not_what_encode_wrote_is_a_corrupt_entry(row):
    with pytest.raises(codec.CorruptEntry):
        codec.decoded(codec.decode_element, row)


def test_a_location_of_the_wrong_types_is_a_corrupt_entry():
    with pytest.raises(codec.CorruptEntry):
        codec.decoded(codec.decode_location, ("a", "1", 2))


def test_what_the_rules_found_survives_marshal_and_back():
    checked = Checked(loaded=(FINDING,), by_rule={"SW001": (FINDING, FINDING), "CX001": ()})
    row = marshal.loads(marshal.dumps(codec.encode_checked(checked)))
    assert codec.decode_checked(row) == checked
    assert len(dataclasses.fields(Checked)) == len(codec.encode_checked(checked))


@pytest.mark.parametrize("row", [None, (), ((), []), ((), {"SW001": (("x",),)}), (("x",), {})])
def test_stored_rule_findings_that_are_not_what_encode_wrote_are_a_corrupt_entry(row):
    with pytest.raises(codec.CorruptEntry):
        codec.decoded(codec.decode_checked, row)
