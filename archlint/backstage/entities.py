"""Backstage entities as read from a catalog file, and references between them.

An entity is one YAML document with `apiVersion: backstage.io/...`: its values and how to
find positions in them. A reference is `[kind:][namespace/]name`, its kind defaulting by
the field it is in (`consumesApis`: api, `system`: system, `dependsOn`: none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from archlint.model import Location

Locate = Callable[[object, "str | int | None"], tuple[int, int]]
DEFAULT_NAMESPACE = "default"


@dataclass(frozen=True)
class Entity:
    path: str
    data: Mapping[str, Any]
    locate: Locate

    def at(self, container: object = None, key: str | int | None = None) -> Location:
        line, column = self.locate(container, key)
        return Location(self.path, line, column)

    @property
    def kind(self) -> str:
        return str(self.data.get("kind", "")).lower()

    @property
    def metadata(self) -> Mapping[str, Any]:
        value = self.data.get("metadata")
        return value if isinstance(value, Mapping) else {}

    @property
    def spec(self) -> Mapping[str, Any]:
        value = self.data.get("spec")
        return value if isinstance(value, Mapping) else {}

    @property
    def name(self) -> str:
        return str(self.metadata.get("name", ""))

    @property
    def namespace(self) -> str:
        return str(self.metadata.get("namespace") or DEFAULT_NAMESPACE).lower()

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, namespace, name), lower-cased as Backstage compares them."""
        return self.kind, self.namespace, self.name.lower()


def parse_ref(ref: str, default_kind: str | None, namespace: str) -> tuple[str, str, str] | None:
    """(kind, namespace, name) of a reference, lower-cased; None without a kind to default to."""
    kind = default_kind
    text = ref.strip()
    if ":" in text:
        kind, text = text.split(":", 1)
    if "/" in text:
        namespace, text = text.split("/", 1)
    if not kind or not text:
        return None
    return kind.lower(), namespace.lower(), text.lower()


def ref_list(entity: Entity, key: str) -> list[tuple[str, Location]]:
    """The strings of `spec.<key>` (a list, or one string), with where each is."""
    spec = entity.spec
    value = spec.get(key)
    if isinstance(value, str):
        return [(value, entity.at(spec, key))]
    if not isinstance(value, list):
        return []
    return [
        (str(item), entity.at(value, i)) for i, item in enumerate(value) if isinstance(item, str)
    ]
