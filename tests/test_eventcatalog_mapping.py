"""The EventCatalog mapping of DESIGN.md ("Other inputs"), one test per row, on small
catalogs written inline (frontmatter only: line n of the frontmatter is file line n + 1)."""

from __future__ import annotations

from helpers.catalogs import codes, read_catalog, streams

from archlint.model import Location

SHOP = {
    "domains/orders/index.mdx": """
        id: orders
        version: 1.0.0
        services:
          - id: order-service
    """,
    "services/order-service/index.mdx": """
        id: order-service
        version: 1.0.0
        owners: [team-orders, someone-else]
        summary: |
          Takes orders.
        badges:
          - content: Core service
            backgroundColor: blue
        sends:
          - id: order-placed
            to:
              - id: orders-channel
    """,
    "events/order-placed/index.mdx": "id: order-placed\nversion: 1.0.0\n",
    "channels/orders-channel/index.mdx": "id: orders-channel\nversion: 1.0.0\naddress: shop.orders.{region}\n",
}


def test_service_id_owner_summary_badges_and_its_domain():
    reading = read_catalog(SHOP)
    (service,) = reading.services
    assert (service.name, service.context, service.owner) == (
        "order-service",
        "orders",
        "team-orders",
    )
    assert (service.description, service.tags) == ("Takes orders.", ("Core-service",))
    assert service.name_location == Location("services/order-service/index.mdx", 2, 5)
    assert service.context_location == Location("domains/orders/index.mdx", 5, 9)
    assert reading.findings == ()


def test_ids_that_are_not_names_are_slugged_and_shown_beside_the_slug():
    reading = read_catalog(
        {
            "domains/Sales Dept/index.mdx": "id: Sales Dept\nservices: [{id: Order Service}]\n",
            "services/Order Service/index.mdx": "id: Order Service\nx-archlint-global: 3\n",
        }
    )
    (service,) = reading.services
    assert (service.name, service.context) == ("order-service", "sales-dept")
    missing = read_catalog({"services/Order Service/index.mdx": "id: Order Service\n"})
    assert codes(missing) == [
        (
            "AL002",
            "services/Order Service/index.mdx:2:5",
            "service 'order-service' (catalog id 'Order Service') is in no domain and no system, "
            "so its bounded context is unknown: list it in a domain's `services`",
        )
    ]


def test_sends_to_a_channel_produces_on_its_address_verbatim():
    assert streams(read_catalog(SHOP), "order-service") == [
        ("shop.orders.{region}", ("order-placed",))
    ]


def test_sends_without_to_uses_the_message_channels_else_an_inferred_topic():
    pages = dict(SHOP)
    pages["services/order-service/index.mdx"] = "id: order-service\nsends: [{id: order-placed}]\n"
    reading = read_catalog(pages)
    assert streams(reading, "order-service") == [("event:order-placed", ("order-placed",))]
    assert reading.notes[Location("services/order-service/index.mdx", 3, 14)] == (
        "topic inferred from the event name: the catalog names no channel"
    )
    pages["events/order-placed/index.mdx"] = "id: order-placed\nchannels: [{id: orders-channel}]\n"
    assert streams(read_catalog(pages), "order-service") == [
        ("shop.orders.{region}", ("order-placed",))
    ]


def test_receives_from_a_channel_or_where_the_senders_send_it_or_inferred():
    pages = dict(SHOP)
    pages["domains/orders/index.mdx"] = (
        "id: orders\nservices: [{id: order-service}, {id: billing}]\n"
    )
    pages["services/billing/index.mdx"] = "id: billing\nreceives: [{id: order-placed}]\n"
    reading = read_catalog(pages)
    assert streams(reading, "billing", "consumes") == [("shop.orders.{region}", ("order-placed",))]
    assert "senders" in reading.notes[Location("services/billing/index.mdx", 3, 17)]
    pages["services/billing/index.mdx"] = (
        "id: billing\nreceives: [{id: order-placed, from: [{id: other}]}]\n"
    )
    pages["channels/other/index.mdx"] = "id: other\n"
    assert streams(read_catalog(pages), "billing", "consumes") == [("other", ("order-placed",))]
    del pages["services/order-service/index.mdx"]
    pages["services/billing/index.mdx"] = "id: billing\nreceives: [{id: order-placed}]\n"
    assert streams(read_catalog(pages), "billing", "consumes") == [
        ("event:order-placed", ("order-placed",))
    ]


TWO = {
    "domains/shop/index.mdx": "id: shop\nservices: [{id: a}, {id: b}, {id: c}]\n",
    "commands/charge/index.mdx": "id: charge\n",
    "queries/get-price/index.mdx": "id: get-price\n",
    "channels/payments/index.mdx": "id: payments\naddress: payments.commands\n",
}


def test_a_command_to_a_channel_is_a_command_on_that_topic_and_its_receiver_consumes_it():
    pages = dict(TWO)
    pages["services/a/index.mdx"] = "id: a\nsends: [{id: charge, to: [{id: payments}]}]\n"
    pages["services/b/index.mdx"] = "id: b\nreceives: [{id: charge, from: [{id: payments}]}]\n"
    pages["services/c/index.mdx"] = "id: c\n"
    reading = read_catalog(pages)
    a = {s.name: s for s in reading.services}["a"]
    assert [(c.kind, c.name, c.topic, c.to) for c in a.commands] == [
        ("command", "charge", "payments.commands", None)
    ]
    assert streams(reading, "b", "consumes") == [("payments.commands", None)]


def test_a_command_or_query_without_to_goes_to_its_one_receiver():
    pages = dict(TWO)
    pages["services/a/index.mdx"] = "id: a\nsends: [{id: charge}, {id: get-price}]\n"
    pages["services/b/index.mdx"] = "id: b\nreceives: [{id: charge}, {id: get-price}]\n"
    pages["services/c/index.mdx"] = "id: c\n"
    reading = read_catalog(pages)
    a = {s.name: s for s in reading.services}["a"]
    assert [(c.kind, c.name, c.to) for c in a.calls] == [
        ("command", "charge", "b"),
        ("query", "get-price", "b"),
    ]
    assert (
        reading.notes[a.commands[0].location]
        == "target inferred: 'b' is the service that receives it"
    )


def test_a_command_no_one_receives_is_rf001_and_several_receivers_al002():
    pages = dict(TWO)
    pages["services/a/index.mdx"] = "id: a\nsends: [{id: charge}, {id: get-price}]\n"
    pages["services/b/index.mdx"] = "id: b\nreceives: [{id: get-price}]\n"
    pages["services/c/index.mdx"] = "id: c\nreceives: [{id: get-price}]\n"
    assert codes(read_catalog(pages)) == [
        (
            "RF001",
            "services/a/index.mdx:3:14",
            "no service receives command 'charge', so it has no target: add it to the receiving service's `receives`",
        ),
        (
            "AL002",
            "services/a/index.mdx:3:28",
            "query 'get-price' is received by several services ('b', 'c'): name the one it is sent to with `to`, or keep one receiver",
        ),
    ]


def test_routes_make_the_source_writers_write_the_routed_channel_at_the_routes_entry():
    pages = dict(SHOP)
    pages["channels/orders-channel/index.mdx"] = (
        "id: orders-channel\naddress: shop.orders\nroutes:\n  - id: archive\n"
    )
    pages["channels/archive/index.mdx"] = (
        "id: archive\naddress: shop.archive\nroutes: [{id: lake}]\n"
    )
    pages["channels/lake/index.mdx"] = "id: lake\nmessages: [{id: lake-record}]\n"
    reading = read_catalog(pages)
    assert streams(reading, "order-service") == [
        ("shop.orders", ("order-placed",)),
        ("shop.archive", ("order-placed",)),
        ("lake", ("lake-record",)),
    ]
    routed = {s.name: s for s in reading.services}["order-service"].produces[1]
    assert routed.location == Location("channels/orders-channel/index.mdx", 5, 9)
    assert reading.notes[routed.location] == "written through the channel's routes"


def test_x_archlint_keys():
    pages = dict(SHOP)
    pages["services/order-service/index.mdx"] = (
        "id: order-service\nx-archlint-global: true\nx-archlint-availability: 99.9\n"
        "x-archlint-slo: 99.5\nx-archlint-owns: [shop.orders]\nx-archlint-ignore: {SW004: reviewed}\n"
    )
    (service,) = read_catalog(pages).services
    assert (service.is_global, service.availability, service.slo) == (True, 99.9, 99.5)
    assert [n.value for n in service.owns] == ["shop.orders"]
    assert [(s.rule, s.reason) for s in service.ignore] == [("SW004", "reviewed")]
    assert service.slo_location == Location("services/order-service/index.mdx", 5, 17)
    pages["services/order-service/index.mdx"] = "id: order-service\nx-archlint-slo: high\n"
    assert codes(read_catalog(pages)) == [
        (
            "AL002",
            "services/order-service/index.mdx:3:17",
            "'x-archlint-slo' must be a percentage from 0 to 100",
        )
    ]


def test_versioned_folders_keep_the_latest_and_pointers_are_resolved():
    pages = dict(SHOP)
    pages["events/order-placed/index.mdx"] = "id: order-placed\nversion: 2.1.0\n"
    pages["events/order-placed/versioned/1.4.2/index.mdx"] = (
        "id: order-placed\nversion: 1.4.2\nchannels: [{id: x}]\n"
    )
    for pointer in (
        "latest",
        "2.1.0",
        "1.4.2",
        "^1.0.0",
        "~2.1",
        "1.x",
        ">=1.0.0 <2.0.0",
        "1.0.0 - 1.9.9",
    ):
        pages["services/order-service/index.mdx"] = (
            f"id: order-service\nsends: [{{id: order-placed, version: '{pointer}'}}]\n"
        )
        reading = read_catalog(pages)
        assert reading.findings == (), pointer
        assert streams(reading, "order-service") == [("event:order-placed", ("order-placed",))], (
            pointer
        )
    pages["services/order-service/index.mdx"] = (
        "id: order-service\nsends:\n  - id: order-placed\n    version: 3.0.0\n"
    )
    assert codes(read_catalog(pages)) == [
        (
            "AL002",
            "services/order-service/index.mdx:5:14",
            "version '3.0.0' of event 'order-placed' is not in the catalog (it keeps 2.1.0, 1.4.2): point at one of those, or 'latest'",
        )
    ]


def test_a_message_in_a_service_folder_makes_its_topics_the_service_s():
    pages = {
        "domains/shop/index.mdx": "id: shop\nservices: [{id: a}, {id: b}]\n",
        "services/a/index.mdx": "id: a\nsends: [{id: paid}]\n",
        "services/a/events/paid/index.mdx": "id: paid\n",
        "services/b/index.mdx": "id: b\nsends: [{id: paid}]\n",
    }
    services = {s.name: s for s in read_catalog(pages).services}
    assert [(n.value, str(n.location)) for n in services["a"].owns] == [
        ("event:paid", "services/a/events/paid/index.mdx:2:5")
    ]
    assert services["b"].owns == () and streams(read_catalog(pages), "b") == [
        ("event:paid", ("paid",))
    ]


def test_two_channels_with_one_address_are_one_topic():
    pages = dict(SHOP)
    pages["channels/again/index.mdx"] = "id: again\naddress: shop.orders.{region}\n"
    pages["services/order-service/index.mdx"] = (
        "id: order-service\nsends: [{id: order-placed, to: [{id: orders-channel}, {id: again}]}]\n"
    )
    topics = {t for t, _ in streams(read_catalog(pages), "order-service")}
    assert topics == {"shop.orders.{region}"}


def test_context_level_and_subdomains_and_systems():
    pages = {
        "domains/sales/index.mdx": "id: sales\ndomains: [{id: checkout}]\n",
        "domains/checkout/index.mdx": "id: checkout\nsystems: [{id: tills}]\n",
        "systems/tills/index.mdx": "id: tills\nservices: [{id: till}]\n",
        "domains/sales/subdomains/pricing/index.mdx": "id: pricing\n",
        "domains/sales/subdomains/pricing/services/pricer/index.mdx": "id: pricer\n",
        "systems/lonely/index.mdx": "id: lonely\nservices: [{id: solo}]\n",
        "services/till/index.mdx": "id: till\n",
        "services/solo/index.mdx": "id: solo\n",
    }
    leaf = {s.name: s.context for s in read_catalog(pages).services}
    assert leaf == {"pricer": "pricing", "solo": "lonely", "till": "checkout"}
    top = {s.name: s.context for s in read_catalog(pages, "domain").services}
    assert top == {"pricer": "sales", "solo": "lonely", "till": "sales"}


def test_a_service_reached_from_two_domains_is_al002():
    pages = {
        "domains/a/index.mdx": "id: a\nservices: [{id: s}]\n",
        "domains/b/index.mdx": "id: b\nservices: [{id: s}]\n",
        "services/s/index.mdx": "id: s\n",
    }
    reading = read_catalog(pages)
    assert [s.context for s in reading.services] == ["a"]
    assert codes(reading) == [
        (
            "AL002",
            "services/s/index.mdx:2:5",
            "service 's' is reached from several domains ('a' (domains/a/index.mdx:3:17), "
            "'b' (domains/b/index.mdx:3:17)); 'a' is used: keep it in one domain",
        )
    ]


def test_dangling_references_and_unknown_messages_are_al002_and_the_rest_is_read():
    pages = dict(SHOP)
    pages["domains/orders/index.mdx"] = "id: orders\nservices: [{id: order-service}, {id: ghost}]\n"
    pages["services/order-service/index.mdx"] = (
        "id: order-service\nsends: [{id: nothing}, {id: order-placed, to: [{id: nowhere}]}]\n"
    )
    reading = read_catalog(pages)
    assert [c for c, _, _ in codes(reading)] == ["AL002", "AL002", "AL002"]
    assert streams(reading, "order-service") == [("nowhere", ("order-placed",))]


def test_legacy_producers_and_consumers_by_name_in_their_domain_folder():
    pages = {
        "domains/Orders/index.md": "name: Orders\n",
        "domains/Orders/services/Orders Service/index.md": "name: Orders Service\nowners: [dboyne]\n",
        "domains/Orders/services/Billing/index.md": "name: Billing\n",
        "domains/Orders/events/OrderPlaced/index.md": "name: OrderPlaced\nproducers:\n    - Orders Service\nconsumers:\n    - Billing\n    - Data Lake\n",
    }
    reading = read_catalog(pages)
    assert streams(reading, "orders-service") == [("event:OrderPlaced", ("OrderPlaced",))]
    assert streams(reading, "billing", "consumes") == [("event:OrderPlaced", ("OrderPlaced",))]
    assert {s.context for s in reading.services} == {"orders"}
    assert codes(reading) == [
        (
            "RF001",
            "domains/Orders/events/OrderPlaced/index.md:7:7",
            "'Data Lake' in consumers is no service of the catalog (matched by name after slugging, "
            "as 'data-lake'): fix the name or add the service",
        )
    ]


def test_two_ids_that_slug_to_one_name_are_al004():
    pages = {
        "domains/d/index.mdx": "id: d\nservices: [{id: Order Service}, {id: order-service}]\n",
        "services/Order Service/index.mdx": "id: Order Service\n",
        "services/order-service/index.mdx": "id: order-service\n",
    }
    assert [(c, at) for c, at, _ in codes(read_catalog(pages))] == [
        ("AL004", "services/order-service/index.mdx:2:5")
    ]


def test_specifications_are_claimed_and_other_resources_are_not_read():
    pages = dict(SHOP)
    pages["services/order-service/index.mdx"] = (
        "id: order-service\nspecifications:\n  - type: asyncapi\n    path: asyncapi.yaml\n"
    )
    pages["flows/f/index.mdx"] = "id: f\nsteps: [{service: {id: order-service}}]\n"
    pages["adrs/a/index.mdx"] = "id: a\n"
    pages["domains/orders/entities/e/index.mdx"] = "id: e\n"
    reading = read_catalog(pages)
    assert reading.claimed == frozenset({"services/order-service/asyncapi.yaml"})
    assert [s.name for s in reading.services] == ["order-service"] and reading.findings == ()


def test_a_malformed_frontmatter_is_al001_at_its_file_line_and_the_rest_is_read():
    pages = dict(SHOP)
    pages["services/broken/index.mdx"] = "id: broken\nsends: [oops\n"
    reading = read_catalog(pages)
    ((code, at, _),) = codes(reading)
    assert code == "AL001" and at.startswith("services/broken/index.mdx:4:")
    assert [s.name for s in reading.services] == ["order-service"]
    duplicate = dict(SHOP)
    duplicate["services/order-service/index.mdx"] = "id: order-service\nid: again\n"
    assert [(c, at) for c, at, _ in codes(read_catalog(duplicate))] == [
        ("AL003", "services/order-service/index.mdx:3:1")
    ]
    # the line the message names is the file's too: `id: order-service` is on file line 2
    assert "already given on line 2 of this mapping" in codes(read_catalog(duplicate))[0][2]
