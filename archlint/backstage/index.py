"""What the Backstage mapping works from: the entities by key, who provides each API,
and what the shell read of each API's definition."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archlint.backstage.entities import Entity, parse_ref, ref_list
from archlint.eventcatalog.slugs import slug
from archlint.findings import Finding
from archlint.model import Location, Service

INVALID = "AL002"
Key = tuple[str, str, str]


@dataclass(frozen=True)
class ApiDefinition:
    """What the shell read of an API's definition: `content` (OpenAPI values, or the text of
    a gRPC/GraphQL one), `unread` (why it could not be read), `asyncapi` (the service an
    AsyncAPI definition describes)."""

    content: Any = None
    unread: str | None = None
    asyncapi: Service | None = None


@dataclass(frozen=True)
class Reading:
    services: tuple[Service, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: Mapping[Location, str] = field(default_factory=dict)


def service_name(entity: Entity) -> str:
    name = entity.name if entity.namespace == "default" else f"{entity.namespace}.{entity.name}"
    return slug(name)


@dataclass
class Index:
    entities: dict[Key, Entity]
    providers: dict[Key, list[Entity]]  # API key -> components that provide it

    @staticmethod
    def of(entities: Iterable[Entity]) -> Index:
        index = Index({}, {})
        for entity in entities:
            index.entities.setdefault(entity.key, entity)
        for entity in index.entities.values():
            if entity.kind == "component":
                for ref, _ in ref_list(entity, "providesApis"):
                    key = parse_ref(ref, "api", entity.namespace)
                    if key is not None:
                        index.providers.setdefault(key, []).append(entity)
        return index

    def get(self, ref: str, default_kind: str | None, namespace: str) -> Entity | None:
        key = parse_ref(ref, default_kind, namespace)
        return None if key is None else self.entities.get(key)
