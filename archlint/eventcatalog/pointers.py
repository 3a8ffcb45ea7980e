"""Pointers between resources: `services: [{id, version}]`, `sends: [{id, version, to}]`...

A pointer is a mapping with an `id` (and optionally a `version`), or, leniently, the id as a
plain string. A `version` that names no version the catalog keeps is a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from archlint.eventcatalog.catalog import INVALID, Resource
from archlint.eventcatalog.pages import Page
from archlint.eventcatalog.versions import resolve
from archlint.findings import Finding
from archlint.model import Location


class Pointer(NamedTuple):  # a tuple: a frozen dataclass costs twice as much, per pointer
    id: str
    version: str | None
    item: Mapping[str, Any]  # the pointer's mapping ({} for a plain string)
    location: Location  # where its id is


def pointers(page: Page, container: Mapping[str, Any], key: str) -> list[Pointer]:
    """The pointers listed under `key` of `container` (a mapping of the page), in order."""
    items = container.get(key)
    if not isinstance(items, list):
        return []
    found = []
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") is not None:
            version = item.get("version")
            found.append(
                Pointer(
                    str(item["id"]),
                    None if version is None else str(version),
                    item,
                    page.at(item, "id"),
                )
            )
        elif isinstance(item, str | int) and not isinstance(item, bool):
            found.append(Pointer(str(item), None, {}, page.at(items, index)))
    return found


def check_version(page: Page, pointer: Pointer, target: Resource) -> Finding | None:
    """AL002 where the pointer's `version` names none of the target's versions."""
    if pointer.version is None or not target.versions:
        return None
    if resolve(pointer.version, target.versions) is not None:
        return None
    kept = ", ".join(target.versions)
    return Finding(
        INVALID,
        f"version '{pointer.version}' of {target.kind} '{target.id}' is not in the catalog "
        f"(it keeps {kept}): point at one of those, or 'latest'",
        page.at(pointer.item, "version"),
    )
