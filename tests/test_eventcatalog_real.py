"""The real catalogs of tests/fixtures/eventcatalog (EventCatalog's federation example and a
legacy v1 catalog, MIT): read without a traceback, positions checked by hand-read lines."""

from __future__ import annotations

import os

import pytest
from helpers import REPO

from archlint.eventcatalog import is_page, read_catalog_files

FIXTURES = REPO / "tests" / "fixtures" / "eventcatalog"


def _read(folder: str, level: str = "subdomain"):
    files = []
    for root, _, names in os.walk(FIXTURES / folder):
        for name in names:
            path = os.path.join(root, name)
            shown = os.path.relpath(path, FIXTURES).replace(os.sep, "/")
            if is_page(shown):
                with open(path, "rb") as handle:
                    files.append((shown, handle.read()))
    return read_catalog_files(sorted(files), level)


def test_federation_one_estate_from_three_catalog_directories():
    reading = _read("federation")
    by_name = {s.name: s for s in reading.services}
    assert sorted(by_name) == ["fulfilment-service", "payment-service"]
    # the central catalog's domain reaches services of the two team catalogs
    assert {s.context for s in reading.services} == {"commerce"}
    assert str(by_name["fulfilment-service"].context_location) == (
        "federation/central/catalog/domains/commerce/index.mdx:7:9"
    )
    assert [(s.topic, s.event_names) for s in by_name["payment-service"].produces] == [
        ("event:payment-captured", ("payment-captured",))
    ]
    # pinned to 1.0.0, kept in versioned/1.0.0: resolves, and maps to the same topic
    assert [(s.topic, s.event_names) for s in by_name["fulfilment-service"].consumes] == [
        ("event:payment-captured", ("payment-captured",))
    ]
    assert [n.value for n in by_name["payment-service"].owns] == ["event:payment-captured"]


def test_federation_findings_and_notes_at_hand_read_lines():
    reading = _read("federation")
    assert [(f.code, str(f.location)) for f in reading.findings] == [
        # `  - id: shipment-dispatched`, frontmatter line 7 = file line 8, after `  - id: `
        ("AL002", "federation/team-fulfilment/catalog/services/fulfilment-service/index.mdx:8:9")
    ]
    notes = {str(k): v for k, v in reading.notes.items()}
    assert notes["federation/team-payments/catalog/services/payment-service/index.mdx:8:9"] == (
        "topic inferred from the event name: the catalog names no channel"
    )


def test_legacy_catalog_by_names_and_folders():
    reading = _read("legacy-v1-basic")
    assert [(s.name, s.context, s.owner) for s in reading.services] == [
        ("orders-service", "orders", "dboyne")
    ]
    found = {(f.code, str(f.location)) for f in reading.findings}
    base = "legacy-v1-basic/"
    # `    - Order Service` (the service is `Orders Service`): line 9, after four spaces and '- '
    assert ("RF001", base + "events/ShipmentDelivered/index.md:9:7") in found
    # top-level services that no domain folder holds: `name: Payment Service` on line 2
    assert ("AL002", base + "services/Payment Service/index.md:2:7") in found
    assert ("AL002", base + "services/Shipping Service/index.md:2:7") in found
    # versioned/0.0.2/index.md says `version: 0.0.1` (line 3), as versioned/0.0.1 does
    assert (
        "AL004",
        base + "domains/Shopping/events/AddedItemToCart/versioned/0.0.2/index.md:3:10",
    ) in found


@pytest.mark.parametrize("level", ["subdomain", "domain"])
def test_both_context_levels_read_the_real_catalogs(level):
    assert [s.context for s in _read("federation", level).services] == ["commerce", "commerce"]


def test_a_slugged_id_keeps_the_catalog_s_own_for_display():
    (service,) = _read("legacy-v1-basic").services
    assert (service.name, service.title) == ("orders-service", "Orders Service")
    assert all(s.title is None for s in _read("federation").services)
