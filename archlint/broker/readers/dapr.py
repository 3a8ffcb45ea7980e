"""Dapr pub/sub `Component`s and declarative `Subscription`s -> grants and provisioned
topics (pubsub-scopes.md of the Dapr docs).

A component's apps are its `scopes`, else every service (the principal `*`, which the
index gives every service). `publishingScopes` (`app1=t1;app2=t2,t3;app3=`) gives a listed
app Write on exactly its topics; an app it does not list may publish to the component's
`allowedTopics`, or to every topic where there are none (a wildcard). `subscriptionScopes`
is the same for Read. `allowedTopics` declare topics. A Subscription lets its `scopes` read
`spec.topic`, and write its `deadLetterTopic`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archlint.broker.readers.part import BrokerPart, Resource, at, key_at
from archlint.model import ANY, LITERAL, Grant, Location, Provision

DAPR_GROUP = "dapr.io/"
KINDS = ("Component", "Subscription")
EVERY_APP = "*"


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _apps(document: dict[str, Any]) -> list[str]:
    scopes = document.get("scopes")
    apps = [str(a) for a in scopes] if isinstance(scopes, list) else []
    return apps or [EVERY_APP]


def _scopes(text: str) -> dict[str, list[str]]:
    """`app1=t1;app2=t2,t3;app3=` -> {app1: [t1], app2: [t2, t3], app3: []}."""
    found: dict[str, list[str]] = {}
    for entry in text.split(";"):
        app, _, topics = entry.partition("=")
        if app.strip():
            found[app.strip()] = [t.strip() for t in topics.split(",") if t.strip()]
    return found


def read_dapr(document: dict[str, Any], path: str) -> BrokerPart:
    part = BrokerPart()
    metadata, spec = _mapping(document.get("metadata")), _mapping(document.get("spec"))
    name, kind = metadata.get("name"), str(document.get("kind"))
    if not isinstance(name, str):
        return part
    where = key_at(path, metadata, "name")
    part.resources.append(Resource(kind, str(metadata.get("namespace") or ""), name, where))
    if kind == "Subscription":
        _subscription(document, spec, path, part)
    elif str(spec.get("type", "")).startswith("pubsub."):
        _component(document, spec, path, where, part)
    return part


def _component(
    document: dict[str, Any], spec: dict[str, Any], path: str, where: Location, part: BrokerPart
) -> None:
    entries: dict[str, tuple[str, Location]] = {}
    items: Any = spec.get("metadata")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        item = _mapping(item)
        if isinstance(item.get("name"), str) and isinstance(item.get("value"), str | int):
            located = at(path, items.node.value[i])
            entries[item["name"]] = (str(item["value"]), located)
    allowed, allowed_at = entries.get("allowedTopics", ("", where))
    topics = [t.strip() for t in allowed.split(",") if t.strip()]
    part.provisions.extend(Provision(t, allowed_at) for t in topics)
    for key, operation in (("publishingScopes", "WRITE"), ("subscriptionScopes", "READ")):
        text, located = entries.get(key, ("", where))
        listed = _scopes(text)
        apps = _apps(document)
        if apps == [EVERY_APP]:  # every app: those listed get their own topics only
            apps = [*listed, EVERY_APP]
        for app in apps:
            if app in listed:
                part.grants.extend(_grant(app, t, LITERAL, operation, located) for t in listed[app])
            elif topics:
                part.grants.extend(
                    replace(
                        _grant(app, t, LITERAL, operation, allowed_at, broad=True),
                        except_for=frozenset(listed),
                    )
                    for t in topics
                )
            else:
                grant = _grant(app, "*", ANY, operation, where)
                part.grants.append(replace(grant, except_for=frozenset(listed)))


def _subscription(
    document: dict[str, Any], spec: dict[str, Any], path: str, part: BrokerPart
) -> None:
    for key, operation in (("topic", "READ"), ("deadLetterTopic", "WRITE")):
        topic = spec.get(key)
        if isinstance(topic, str) and topic:
            located = key_at(path, spec, key)
            part.grants.extend(
                _grant(app, topic, LITERAL, operation, located) for app in _apps(document)
            )


def _grant(
    app: str, topic: str, kind: Any, operation: str, location: Location, broad: bool = False
) -> Grant:
    return Grant(app, topic, kind, frozenset({operation}), location, broad=broad)
