"""Broker files the YAML reader does not see (kafka-acls listings, Terraform JSON), and the
parts of every file put together into the estate's `Broker`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archlint.broker.readers.acls import read_acls
from archlint.broker.readers.part import BrokerPart, Resource, is_acls_file, is_terraform_json
from archlint.broker.readers.terraform import read_terraform
from archlint.findings import Finding
from archlint.model import Broker, Location


def read_broker_file(path: str, data: bytes) -> BrokerPart | None:
    """The part of a kafka-acls listing or a Terraform JSON file; None for any other file."""
    if is_acls_file(path):
        return read_acls(path, data.decode("utf-8", "replace"))
    if is_terraform_json(path, data):
        return read_terraform(path, data)
    return None


def assemble(
    parts: Iterable[BrokerPart],
    principals: Mapping[str, str] = {},
    super_users: Iterable[str] = (),
) -> tuple[Broker | None, list[Finding]]:
    """The estate's Broker (None where no file held broker configuration), and the findings
    of the parts: their own, and AL004 for a resource declared twice in one namespace."""
    parts = list(parts)
    if not parts:
        return None, []
    findings = [f for p in parts for f in p.findings]
    first: dict[tuple[str, str, str], Location] = {}
    for resource in (r for p in parts for r in p.resources):
        key = (resource.kind, resource.namespace, resource.name)
        if key in first:
            findings.append(_duplicate(resource, first[key]))
        else:
            first[key] = resource.location
    broker = Broker(
        grants=tuple(g for p in parts for g in p.grants),
        provisions=tuple(t for p in parts for t in p.provisions),
        principals=dict(principals),
        super_users=frozenset(super_users),
    )
    return broker, findings


def _duplicate(resource: Resource, first: Location) -> Finding:
    namespace = f"namespace '{resource.namespace}'" if resource.namespace else "no namespace"
    return Finding(
        code="AL004",
        message=(
            f"{resource.kind} '{resource.name}' is declared twice in {namespace}; the first, at "
            f"{first}, is the one the cluster would keep: rename or remove this one, or give "
            "each its `metadata.namespace`"
        ),
        location=resource.location,
        entities={},
    )
