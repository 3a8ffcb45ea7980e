"""What one broker file contributes, and how the loader tells a broker file by its content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archlint.findings import Finding
from archlint.model import Grant, Location, Provision

ACLS_SUFFIXES = (".acls", ".acl.txt")
_TERRAFORM = re.compile(rb'"(format_version|terraform_version)"\s*:')


@dataclass(frozen=True, slots=True)
class Resource:
    """A named broker resource (a KafkaUser, a Dapr Component...): two of one kind and name
    in one namespace are AL004."""

    kind: str
    namespace: str
    name: str
    location: Location


@dataclass
class BrokerPart:
    grants: list[Grant] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_acls_file(path: str) -> bool:
    return path.lower().endswith(ACLS_SUFFIXES)


def is_terraform_json(path: str, data: bytes) -> bool:
    """`terraform show -json` output: a .json file with Terraform's version keys."""
    return path.lower().endswith(".json") and _TERRAFORM.search(data[:4096]) is not None


def at(path: str, node: Any) -> Location:
    """The place of a YAML node (1-based)."""
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def key_at(path: str, mapping: Any, key: str) -> Location:
    """Where `key`'s value is in a mapping read with positions (else the mapping itself)."""
    try:
        return at(path, mapping.value_node(key))
    except (KeyError, TypeError, AttributeError):
        return at(path, mapping.node)
