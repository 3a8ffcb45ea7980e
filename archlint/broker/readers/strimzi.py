"""Strimzi `KafkaTopic` and `KafkaUser` documents (kafka.strimzi.io/v1beta2 and v1), read by
the loader's YAML reader into mappings with positions -> provisioned topics and grants.

A KafkaTopic provisions `spec.topicName`, else `metadata.name`. A KafkaUser's principal is
its name; each ACL rule of `spec.authorization.acls` on a `topic` resource is a grant, with
`operations` (or the older singular `operation`), `type` allow (the default) or deny, and
`patternType` literal (the default) or prefix; `name: "*"` is every topic.
"""

from __future__ import annotations

from typing import Any

from archlint.broker.readers.part import BrokerPart, Resource, at, key_at
from archlint.model import ANY, LITERAL, PREFIX, Grant, Provision

STRIMZI_GROUP = "kafka.strimzi.io/"
KINDS = ("KafkaTopic", "KafkaUser")
SERVICE_KEY = "archlint.io/service"


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def service_label(metadata: dict[str, Any]) -> str | None:
    """The `archlint.io/service` annotation, else label, of a resource."""
    for key in ("annotations", "labels"):
        value = _mapping(metadata.get(key)).get(SERVICE_KEY)
        if isinstance(value, str) and value:
            return value
    return None


def read_strimzi(document: dict[str, Any], path: str) -> BrokerPart:
    part = BrokerPart()
    metadata = _mapping(document.get("metadata"))
    name, spec = metadata.get("name"), _mapping(document.get("spec"))
    if not isinstance(name, str):
        return part
    kind = str(document.get("kind"))
    where = key_at(path, metadata, "name")
    part.resources.append(Resource(kind, str(metadata.get("namespace") or ""), name, where))
    if kind == "KafkaTopic":
        topic = spec.get("topicName")
        located = key_at(path, spec, "topicName") if isinstance(topic, str) else where
        part.provisions.append(Provision(topic if isinstance(topic, str) else name, located))
        return part
    service = service_label(metadata)
    acls: Any = _list(_mapping(spec.get("authorization")).get("acls"))
    for i, rule in enumerate(acls):
        grant = _grant(name, _mapping(rule), service)
        if grant is not None:
            part.grants.append(grant(at(path, acls.node.value[i])))
    return part


def _grant(principal: str, rule: dict[str, Any], service: str | None) -> Any:
    """A function of the location that makes the rule's grant, or None for a rule that is
    not on topics."""
    resource = _mapping(rule.get("resource"))
    if str(resource.get("type", "")).lower() != "topic":
        return None
    name = str(resource.get("name", "*"))
    prefix = str(resource.get("patternType", "literal")).lower() == "prefix"
    operations = _list(rule.get("operations")) or [rule.get("operation")]
    allow = str(rule.get("type", "allow")).lower() != "deny"
    return lambda location: Grant(
        principal=principal,
        pattern=name,
        pattern_type=ANY if name == "*" else PREFIX if prefix else LITERAL,
        operations=frozenset(str(o).upper() for o in operations if o),
        location=location,
        allow=allow,
        service=service,
    )
