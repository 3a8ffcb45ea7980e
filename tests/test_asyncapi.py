"""One AsyncAPI document -> one service: name, context, the 2.x inversion, 3.x actions,
addresses and Kafka topics, message names and types, request/reply, owns, suppressions."""

from __future__ import annotations

import pytest
from helpers.asyncapi import edges, load_doc, one

from archlint.asyncapi.naming import glob_match, name_from_title

V3 = """\
asyncapi: 3.0.0
info:
  title: Orders Service
  version: 1.0.0
channels:
  placed:
    address: orders.placed
    messages:
      OrderPlaced:
        payload: {type: object}
  paid:
    address: payments.paid
    messages:
      paymentDone:
        name: PaymentProcessed
operations:
  announce:
    action: send
    channel: {$ref: '#/channels/placed'}
  hear:
    action: receive
    channel: {$ref: '#/channels/paid'}
"""


# -- names and contexts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, name",
    [
        ("Website WebSocket Client", "website-websocket-client"),
        ("Public API ", "public-api"),
        ("  --Kraken Websockets API!!", "kraken-websockets-api"),
        ("Café Bestellungen", "cafe-bestellungen"),
        ("payments.v2_api", "payments.v2_api"),
        ("Streetlights  &  MQTT", "streetlights-mqtt"),
    ],
)
def test_title_becomes_a_valid_service_name(title, name):
    assert name_from_title(title) == name


def test_title_without_letters_or_digits_gives_no_name():
    assert name_from_title("✨ — ✨") is None


def test_name_and_context_from_title_and_configuration():
    service = one(V3, path="teams/orders/asyncapi.yaml", contexts={"teams/orders/*": "sales"})
    assert (service.name, service.context) == ("orders-service", "sales")
    assert service.context_location is None
    assert str(service.name_location) == "teams/orders/asyncapi.yaml:3:10"
    assert str(service.location) == "teams/orders/asyncapi.yaml:1:1"


def test_x_archlint_service_and_x_context_win():
    text = V3.replace(
        "  version: 1.0.0\n",
        "  version: 1.0.0\n  x-archlint-service: orders\n  x-context: checkout\n"
        "  tags:\n    - name: context:ignored\n",
    )
    service = one(text, contexts={"**": "also-ignored"})
    assert (service.name, service.context) == ("orders", "checkout")
    assert str(service.context_location) == "svc/asyncapi.yaml:6:14"


def test_context_from_a_tag_in_info_or_at_the_top_level():
    tagged = V3.replace(
        "  version: 1.0.0\n",
        "  version: 1.0.0\n  tags:\n    - name: team:x\n    - name: 'context:sales'\n",
    )
    assert one(tagged, contexts={}).context == "sales"
    top = "tags:\n  - name: context:billing\n" + V3
    assert one(top, contexts={}).context == "billing"


def test_first_matching_glob_gives_the_context():
    contexts = {"legacy/**": "old", "**/orders/*.yaml": "sales", "**": "rest"}
    assert one(V3, path="x/orders/asyncapi.yaml", contexts=contexts).context == "sales"
    assert one(V3, path="legacy/orders/asyncapi.yaml", contexts=contexts).context == "old"
    assert one(V3, path="elsewhere.yaml", contexts=contexts).context == "rest"


@pytest.mark.parametrize(
    "pattern, path, matches",
    [
        ("services/**", "services/a/b/asyncapi.yaml", True),
        ("services/*", "services/a/asyncapi.yaml", False),
        ("services/*/asyncapi.yaml", "services/a/asyncapi.yaml", True),
        ("**/asyncapi.yaml", "asyncapi.yaml", True),
        ("*.json", "deep/down/orders.json", True),  # no '/': the file name alone
        ("./api/*.yml", "api/x.yml", True),
        ("api/?.yml", "api/xy.yml", False),
    ],
)
def test_glob_match(pattern, path, matches):
    assert glob_match(pattern, path) is matches


def test_missing_context_is_a_finding_that_says_how_to_set_it():
    services, findings = load_doc(V3, contexts={})
    assert services == []
    assert len(findings) == 1
    f = findings[0]
    assert f.code == "AL002" and str(f.location) == "svc/asyncapi.yaml:3:3"
    for way in ("x-context: NAME", "context:NAME", "asyncapi: {contexts:"):
        assert way in f.message


@pytest.mark.parametrize(
    "extra, where, words",
    [
        ("  x-context: Sales Team\n", "5:14", "not a valid context name"),
        ("  x-archlint-service: Orders\n", "5:23", "not a valid service name"),
    ],
)
def test_invalid_names_are_findings(extra, where, words):
    services, findings = load_doc(V3.replace("  version: 1.0.0\n", "  version: 1.0.0\n" + extra))
    assert services == []
    assert [(str(f.location), words in f.message) for f in findings] == [
        (f"svc/asyncapi.yaml:{where}", True)
    ]


def test_no_title_and_no_name_is_a_finding():
    services, findings = load_doc("asyncapi: 3.0.0\ninfo: {version: 1.0.0}\n")
    assert services == [] and "x-archlint-service" in findings[0].message


@pytest.mark.parametrize("version", ["1.2.0", "4.0.0", "three"])
def test_unsupported_versions_are_findings(version):
    services, findings = load_doc(V3.replace("asyncapi: 3.0.0", f"asyncapi: '{version}'"))
    assert services == []
    assert f"'{version}'" in findings[0].message and str(findings[0].location).endswith(":1:11")


def test_a_document_that_is_not_a_mapping_is_a_finding():
    services, findings = load_doc("- asyncapi: 3.0.0\n")
    assert services == [] and findings[0].code == "AL002"


# -- 3.x -------------------------------------------------------------------------------------


def test_v3_actions_on_addresses_with_message_names():
    service = one(V3)
    assert edges(service)["produces"] == [("orders.placed", ("OrderPlaced",))]
    assert edges(service)["consumes"] == [("payments.paid", ("PaymentProcessed",))]
    assert str(service.produces[0].location) == "svc/asyncapi.yaml:17:3"
    assert str(service.produces[0].events[0].location) == "svc/asyncapi.yaml:9:7"


def test_v3_kafka_binding_topic_wins_over_the_address():
    text = V3.replace(
        "    address: orders.placed\n",
        "    address: orders/placed\n    bindings:\n      kafka:\n"
        "        topic: orders-placed-v1\n",
    )
    assert edges(one(text))["produces"] == [("orders-placed-v1", ("OrderPlaced",))]


def test_v3_operation_messages_narrow_the_channel_messages():
    text = V3.replace(
        """      OrderPlaced:
        payload: {type: object}
""",
        """      OrderPlaced:
        payload: {type: object}
      OrderCancelled: {}
""",
    ).replace(
        "    channel: {$ref: '#/channels/placed'}\n",
        "    channel: {$ref: '#/channels/placed'}\n"
        "    messages: [{$ref: '#/channels/placed/messages/OrderCancelled'}]\n",
    )
    assert edges(one(text))["produces"] == [("orders.placed", ("OrderCancelled",))]


def test_v3_component_key_names_a_message_without_name():
    text = """\
    asyncapi: 3.0.0
    info: {title: S, version: '1'}
    channels:
      c:
        address: a
        messages:
          local: {$ref: '#/components/messages/UserSignedUp'}
    operations:
      o: {action: send, channel: {$ref: '#/channels/c'}}
    components:
      messages:
        UserSignedUp: {payload: {type: object}}
    """
    assert edges(one(text))["produces"] == [("a", ("UserSignedUp",))]


def test_v3_parameters_in_addresses_are_part_of_the_topic():
    text = V3.replace("address: orders.placed", "address: 'user/{userId}/signedup'")
    assert edges(one(text))["produces"][0][0] == "user/{userId}/signedup"


def test_v3_channel_without_messages_is_an_unspecified_stream():
    text = V3.replace(
        """    messages:
      OrderPlaced:
        payload: {type: object}
""",
        "",
    )
    assert edges(one(text))["produces"] == [("orders.placed", None)]


def test_v3_operations_on_one_topic_merge_into_one_entry():
    text = (
        V3
        + """\
  announceAgain:
    action: send
    channel: {$ref: '#/channels/placed'}
"""
    )
    text = text.replace(
        """      OrderPlaced:
        payload: {type: object}
""",
        """      OrderPlaced:
        payload: {type: object}
      OrderAmended: {}
""",
    )
    service = one(text)
    assert edges(service)["produces"] == [("orders.placed", ("OrderPlaced", "OrderAmended"))]
    assert service.produces[0].location.line == 18


@pytest.mark.parametrize(
    "change, words",
    [
        (("    action: send\n", "    action: sned\n"), "needs `action: send` or `action: receive`"),
        (("    channel: {$ref: '#/channels/placed'}\n", ""), "has no `channel`"),
        (("    address: orders.placed\n", "    # no address\n"), "without an address"),
        (("    address: orders.placed\n", "    address: orders placed\n"), "has spaces"),
    ],
)
def test_v3_operations_that_cannot_be_read_are_findings(change, words):
    services, findings = load_doc(V3.replace(*change))
    assert [words in f.message for f in findings] == [True]
    assert str(findings[0].location) == "svc/asyncapi.yaml:17:3"
    assert edges(services[0])["produces"] == []  # the rest of the document still counts
    assert edges(services[0])["consumes"] == [("payments.paid", ("PaymentProcessed",))]


# -- 2.x -------------------------------------------------------------------------------------

V2 = """\
asyncapi: 2.6.0
info: {title: Account Service, version: 1.0.0}
channels:
  user/signedup:
    subscribe:
      message: {$ref: '#/components/messages/UserSignedUp'}
  user/deleted:
    publish:
      operationId: onUserDeleted
      message:
        messageId: userDeleted
        payload: {type: object}
  audit:
    bindings:
      kafka: {topic: audit-log}
    subscribe:
      message:
        oneOf:
          - {$ref: '#/components/messages/UserSignedUp'}
          - name: AuditEntry
components:
  messages:
    UserSignedUp:
      payload: {type: object}
"""


def test_v2_subscribe_is_a_send_and_publish_a_receive():
    service = one(V2)
    assert edges(service)["produces"] == [
        ("user/signedup", ("UserSignedUp",)),
        ("audit-log", ("UserSignedUp", "AuditEntry")),
    ]
    assert edges(service)["consumes"] == [("user/deleted", ("userDeleted",))]
    assert str(service.produces[0].location) == "svc/asyncapi.yaml:5:5"
    assert str(service.consumes[0].location) == "svc/asyncapi.yaml:8:5"
    assert [str(n.location) for n in service.produces[1].events] == [
        "svc/asyncapi.yaml:19:13",
        "svc/asyncapi.yaml:20:13",
    ]


def test_v2_inline_message_without_a_name_leaves_the_events_open():
    text = V2.replace("        messageId: userDeleted\n", "")
    assert edges(one(text))["consumes"] == [("user/deleted", None)]


def test_v2_message_name_with_spaces_falls_back_to_an_id_or_is_a_finding():
    text = V2.replace(
        "        messageId: userDeleted\n",
        "        name: User deleted\n        messageId: userDeleted\n",
    )
    assert edges(one(text))["consumes"] == [("user/deleted", ("userDeleted",))]
    services, findings = load_doc(V2.replace("messageId: userDeleted", "name: User deleted"))
    assert "no name archlint can use" in findings[0].message
    assert edges(services[0])["consumes"] == [("user/deleted", None)]


# -- message types, request/reply, targets, ownership -----------------------------------------

COMMANDS = """\
asyncapi: 3.0.0
info: {title: Orders, version: '1', x-context: sales}
channels:
  stock:
    address: stock-commands
    messages:
      ReserveStock: {x-eventcatalog-message-type: command}
  prices:
    address: price-requests
    messages:
      GetPrice: {x-eventcatalog-message-type: Query}
    x-archlint-owns: true
  priceReplies:
    address: price-replies
    messages:
      Price: {}
  orders:
    address: orders
    x-archlint-owns: true
    messages:
      OrderPlaced: {x-eventcatalog-message-type: event}
operations:
  reserve:
    action: send
    channel: {$ref: '#/channels/stock'}
  askPrice:
    action: send
    channel: {$ref: '#/channels/prices'}
    x-archlint-target: pricing
    reply:
      channel: {$ref: '#/channels/priceReplies'}
  placed:
    action: send
    channel: {$ref: '#/channels/orders'}
"""


def test_commands_and_queries_sent_are_calls_not_writes():
    service = one(COMMANDS, contexts={})
    assert edges(service) == {
        "name": "orders",
        "context": "sales",
        "description": None,
        "owns": ["price-requests", "orders"],
        "produces": [("orders", ("OrderPlaced",))],
        "consumes": [],  # the reply belongs to the query
        "commands": [("ReserveStock", None, "stock-commands")],
        "queries": [("GetPrice", "pricing", None)],
        "ignore": [],
    }
    assert str(service.queries[0].location) == "svc/asyncapi.yaml:26:3"
    assert str(service.owns[0].location) == "svc/asyncapi.yaml:8:3"


def test_a_query_without_a_target_is_a_finding():
    services, findings = load_doc(COMMANDS.replace("    x-archlint-target: pricing\n", ""))
    assert [(f.code, str(f.location)) for f in findings] == [("AL002", "svc/asyncapi.yaml:26:3")]
    assert "x-archlint-target: SERVICE" in findings[0].message
    assert edges(services[0])["queries"] == []


def test_commands_received_are_consumed_and_their_topic_owned():
    text = """\
    asyncapi: 3.0.0
    info: {title: Stock, version: '1'}
    channels:
      commands:
        address: stock-commands
        messages:
          ReserveStock: {x-eventcatalog-message-type: command}
          ReleaseStock: {x-eventcatalog-message-type: command}
      prices:
        address: price-requests
        messages:
          GetPrice: {x-eventcatalog-message-type: query}
    operations:
      handle: {action: receive, channel: {$ref: '#/channels/commands'}}
      serve: {action: receive, channel: {$ref: '#/channels/prices'}}
    """
    got = edges(one(text))
    assert got["consumes"] == [("stock-commands", ("ReserveStock", "ReleaseStock"))]
    assert got["owns"] == ["stock-commands"]
    assert got["queries"] == [] and got["commands"] == [] and got["produces"] == []


def test_untyped_request_reply_is_two_exchanges():
    # Adeo's costing service: receives requests, replies on another topic.
    text = """\
    asyncapi: 3.0.0
    info: {title: Costing, version: '1'}
    channels:
      req: {address: costing-requests, messages: {CostingRequest: {}}}
      res: {address: costing-responses, messages: {CostingResponse: {}}}
    operations:
      requestCosting:
        action: receive
        channel: {$ref: '#/channels/req'}
        reply: {channel: {$ref: '#/channels/res'}}
    """
    got = edges(one(text))
    assert got["consumes"] == [("costing-requests", ("CostingRequest",))]
    assert got["produces"] == [("costing-responses", ("CostingResponse",))]


def test_reply_to_a_runtime_address_is_left_out():
    text = """\
    asyncapi: 3.0.0
    info: {title: Costing, version: '1'}
    channels:
      req: {address: costing-requests}
      res: {address: null}
    operations:
      ask:
        action: send
        channel: {$ref: '#/channels/req'}
        reply: {channel: {$ref: '#/channels/res'}, address: {location: '$message.header#/to'}}
    """
    got = edges(one(text))
    assert got["produces"] == [("costing-requests", None)] and got["consumes"] == []


def test_unknown_message_type_is_a_finding_and_counts_as_an_event():
    services, findings = load_doc(
        COMMANDS.replace(
            "{x-eventcatalog-message-type: event}", "{x-eventcatalog-message-type: notice}"
        )
    )
    assert ["must be one of event, command, query" in f.message for f in findings] == [True]
    assert edges(services[0])["produces"] == [("orders", ("OrderPlaced",))]


@pytest.mark.parametrize(
    "change, words",
    [
        (("x-archlint-target: pricing", "x-archlint-target: Pricing Team"), "must name a service"),
        (
            (
                "    x-archlint-owns: true\n  priceReplies",
                "    x-archlint-owns: maybe\n  priceReplies",
            ),
            "must be true or false",
        ),
    ],
)
def test_bad_extensions_are_findings(change, words):
    _, findings = load_doc(COMMANDS.replace(*change))
    assert any(words in f.message for f in findings), [f.message for f in findings]


def test_v2_channel_owns_and_operation_target():
    text = """\
    asyncapi: 2.6.0
    info: {title: Shop, version: '1'}
    channels:
      orders:
        x-archlint-owns: true
        subscribe:
          message: {name: OrderPlaced}
      stock-queries:
        subscribe:
          x-archlint-target: stock
          message: {name: GetStockLevel, x-eventcatalog-message-type: query}
    """
    got = edges(one(text))
    assert got["owns"] == ["orders"]
    assert got["queries"] == [("GetStockLevel", "stock", None)]
    assert got["produces"] == [("orders", ("OrderPlaced",))]


def test_x_archlint_ignore_becomes_suppressions():
    text = V3 + "x-archlint-ignore:\n  RF003: nobody listens yet\n  SW004: ''\n"
    services, findings = load_doc(text)
    assert [(s.rule, s.reason, str(s.location)) for s in services[0].ignore] == [
        ("RF003", "nobody listens yet", "svc/asyncapi.yaml:24:3")
    ]
    assert ["needs a reason" in f.message for f in findings] == [True]


def test_description_comes_from_info():
    text = V3.replace(
        "  version: 1.0.0\n", "  version: 1.0.0\n  description: |\n    Owns orders.\n"
    )
    assert one(text).description == "Owns orders."


def test_a_mapping_under_asyncapi_is_not_an_asyncapi_document():
    # archlint.yaml's own `asyncapi: {contexts: ...}` lies among the files linted.
    assert load_doc("asyncapi:\n  contexts: {'**': shop}\n") == ([], [])


def test_an_operation_on_a_dynamic_address_is_left_out_quietly():
    service = one(V3.replace("    address: orders.placed\n", "    address: null\n"))
    assert edges(service)["produces"] == []
