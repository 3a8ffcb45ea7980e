"""`terraform show -json` (state or plan) -> grants and provisioned topics: the resources
`kafka_acl`, `kafka_topic` (Mongey/kafka) and `confluent_kafka_acl`,
`confluent_kafka_topic` (confluentinc/confluent), in the root module and every child
module. A resource points at its `"address"` in the file (terraform prints one line; `jq .`
output has one resource a line or so)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from archlint.broker.readers.part import BrokerPart
from archlint.findings import Finding
from archlint.model import ANY, LITERAL, PREFIX, Grant, Location, Provision

_ACLS = {  # type -> (principal, operation, permission, name, pattern type, resource type)
    "kafka_acl": (
        "acl_principal",
        "acl_operation",
        "acl_permission_type",
        "resource_name",
        "resource_pattern_type_filter",
        "resource_type",
    ),
    "confluent_kafka_acl": (
        "principal",
        "operation",
        "permission",
        "resource_name",
        "pattern_type",
        "resource_type",
    ),
}
_TOPICS = {"kafka_topic": "name", "confluent_kafka_topic": "topic_name"}


def read_terraform(path: str, data: bytes) -> BrokerPart:
    part = BrokerPart()
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        part.findings.append(
            Finding(
                "AL001",
                f"cannot read Terraform JSON: {error}; save it with `terraform show -json`",
                Location(path, 1, 1),
            )
        )
        return part
    text = data.decode("utf-8", "replace")
    for resource in _resources(document):
        values = resource.get("values")
        kind = resource.get("type")
        if not isinstance(values, dict) or kind not in (*_ACLS, *_TOPICS):
            continue
        location = _address_location(path, text, str(resource.get("address", "")))
        if kind in _TOPICS:
            name = values.get(_TOPICS[kind])
            if isinstance(name, str):
                part.provisions.append(Provision(name, location))
            continue
        grant = _grant(values, _ACLS[kind], location)
        if grant is not None:
            part.grants.append(grant)
    return part


def _resources(document: Any) -> Iterator[dict[str, Any]]:
    """Every resource of the state's `values`, else of the plan's `planned_values`."""
    if not isinstance(document, dict):
        return
    top = document.get("values") or document.get("planned_values")
    modules = [top.get("root_module")] if isinstance(top, dict) else []
    while modules:
        module = modules.pop(0)
        if not isinstance(module, dict):
            continue
        yield from (r for r in module.get("resources") or () if isinstance(r, dict))
        modules.extend(module.get("child_modules") or ())


def _grant(values: dict[str, Any], keys: tuple[str, ...], location: Location) -> Grant | None:
    principal, operation, permission, name, pattern, resource_type = (
        str(values.get(k, "")) for k in keys
    )
    if resource_type.upper() != "TOPIC" or not principal or not name:
        return None
    return Grant(
        principal=principal,
        pattern=name,
        pattern_type=ANY if name == "*" else PREFIX if pattern.upper() == "PREFIXED" else LITERAL,
        operations=frozenset({operation.upper()}),
        location=location,
        allow=permission.upper() == "ALLOW",
    )


def _address_location(path: str, text: str, address: str) -> Location:
    found = re.search(r'"address"\s*:\s*' + re.escape(json.dumps(address)), text)
    if found is None:
        return Location(path, 1, 1)
    offset = found.start()
    line = text.count("\n", 0, offset) + 1
    return Location(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
