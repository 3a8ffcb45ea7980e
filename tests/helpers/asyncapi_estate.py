"""One small estate written as AsyncAPI documents (2.6 and 3.0 mixed), and the event rules
whose findings it exercises: shared by test_asyncapi_equivalence.py (against the same
estate as manifests) and test_asyncapi_import.py (`archlint import asyncapi`)."""

from __future__ import annotations

EVENT_RULES = ("RF002", "RF003", "SW001", "SW003", "SW004")

ASYNCAPI = {
    "orders/asyncapi.yaml": """\
asyncapi: 3.0.0
info: {title: Orders, version: '1', x-context: shop}
channels:
  orders:
    address: orders
    x-archlint-owns: true
    messages:
      OrderPlaced: {}
      OrderCancelled: {}
  payments:
    address: payments
    messages:
      paymentProcessed: {name: PaymentProcessed}
  reserve:
    address: stock-commands
    messages:
      ReserveStock: {x-eventcatalog-message-type: command}
  ghost:
    address: ghost-topic
operations:
  placeOrder: {action: send, channel: {$ref: '#/channels/orders'}}
  onPayment: {action: receive, channel: {$ref: '#/channels/payments'}}
  reserveStock: {action: send, channel: {$ref: '#/channels/reserve'}}
  listenToGhosts: {action: receive, channel: {$ref: '#/channels/ghost'}}
""",
    "payments/asyncapi.yaml": """\
asyncapi: 2.6.0
info: {title: Payments, version: '1', tags: [{name: 'context:shop'}]}
channels:
  payments:
    subscribe:
      message: {$ref: '#/components/messages/PaymentProcessed'}
  orders:
    publish:
      message:
        oneOf:
          - {name: OrderPlaced}
          - {name: OrderShipped}
components:
  messages:
    PaymentProcessed: {payload: {type: object}}
""",
    "fraud/asyncapi.yaml": """\
asyncapi: 3.0.0
info: {title: Fraud Checks, version: '1', x-archlint-service: fraud, x-context: shop}
channels:
  flagged: {address: orders, messages: {FraudSuspected: {}}}
  alerts: {address: alerts, messages: {Alert: {}}}
operations:
  flag: {action: send, channel: {$ref: '#/channels/flagged'}}
  alert: {action: send, channel: {$ref: '#/channels/alerts'}}
""",
    "audit/asyncapi.yaml": """\
asyncapi: 2.0.0
info: {title: Audit, version: '1', x-context: shop}
channels:
  alerts:
    subscribe: {message: {messageId: Alert}}
""",
    "stock/asyncapi.yaml": """\
asyncapi: 3.1.0
info: {title: Stock, version: '1', x-context: shop}
channels:
  commands:
    address: stock-commands
    messages:
      ReserveStock: {x-eventcatalog-message-type: command}
  stock: {address: stock, messages: {StockReserved: {}}}
operations:
  handle: {action: receive, channel: {$ref: '#/channels/commands'}}
  announce: {action: send, channel: {$ref: '#/channels/stock'}}
""",
}
