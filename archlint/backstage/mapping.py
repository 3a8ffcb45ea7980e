"""Backstage entities -> archlint Services: the Backstage mapping of DESIGN.md ("Other inputs").

    reading = read_entities(entities, definitions, context_level="subdomain", depends_on="query")

Pure: entities and their APIs' definitions come read (the shell reads inline and local
definitions, AsyncAPI ones through archlint's AsyncAPI reader). `notes` maps the place of
every call whose kind could not be told from a definition, or whose context was not a
domain, to why, for the findings there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from archlint.backstage.calls import component_parts
from archlint.backstage.entities import Entity
from archlint.backstage.index import INVALID, ApiDefinition, Index, Key, Reading, service_name
from archlint.eventcatalog.slugs import slug
from archlint.findings import Finding
from archlint.model import CallKind, Location, Name, Service

SERVICE_TYPES = ("service", "website")
CONTEXT_LEVELS = ("subdomain", "domain")
DEPENDS_ON = ("query", "command")


def is_service(entity: Entity) -> bool:
    return entity.kind == "component" and str(entity.spec.get("type", "")).lower() in SERVICE_TYPES


def _context(entity: Entity, index: Index, level: str) -> tuple[str, Location, str | None]:
    """(context, where, note): the system's domain (or its top domain), else the system,
    else the owner."""
    spec = entity.spec
    system = (
        index.get(str(spec.get("system", "")), "system", entity.namespace)
        if spec.get("system")
        else None
    )
    if system is None:
        owner = str(spec.get("owner", "")).split(":")[-1].split("/")[-1] or entity.name
        note = "context from the owner: the component names no system"
        return slug(owner), entity.at(spec, "owner" if "owner" in spec else None), note
    domain = (
        index.get(str(system.spec.get("domain", "")), "domain", system.namespace)
        if system.spec.get("domain")
        else None
    )
    if domain is None:
        return (
            slug(system.name),
            entity.at(spec, "system"),
            "context from the system: it names no domain",
        )
    seen = {domain.key}
    while level == "domain" and domain.spec.get("subdomainOf"):
        parent = index.get(str(domain.spec["subdomainOf"]), "domain", domain.namespace)
        if parent is None or parent.key in seen:
            break
        seen.add(parent.key)
        domain = parent
    return slug(domain.name), entity.at(spec, "system"), None


def _annotations(entity: Entity, findings: list[Finding]) -> dict[str, Any]:
    notes = entity.metadata.get("annotations")
    if not isinstance(notes, Mapping):
        return {}
    found: dict[str, Any] = {}
    text = notes.get("archlint.io/global")
    if text is not None:
        found["is_global"] = str(text).strip().lower() == "true"
    for key in ("availability", "slo"):
        text = notes.get(f"archlint.io/{key}")
        if text is None:
            continue
        try:
            value = float(str(text).strip().rstrip("%"))
        except ValueError:
            value = -1.0
        if not 0 <= value <= 100:
            findings.append(
                Finding(
                    INVALID,
                    f"annotation 'archlint.io/{key}' must be a percentage from 0 to 100",
                    entity.at(notes, f"archlint.io/{key}"),
                )
            )
            continue
        found[key] = value
        found[f"{key}_location"] = entity.at(notes, f"archlint.io/{key}")
    owns = notes.get("archlint.io/owns")
    if owns is not None:
        where = entity.at(notes, "archlint.io/owns")
        found["owns"] = tuple(Name(t.strip(), where) for t in str(owns).split(",") if t.strip())
    return found


def read_entities(
    entities: Iterable[Entity],
    definitions: Mapping[Key, ApiDefinition],
    context_level: str = "subdomain",
    depends_on: CallKind = "query",
) -> Reading:
    """The services of the entities (components of type service or website)."""
    index = Index.of(entities)
    findings: list[Finding] = []
    notes: dict[Location, str] = {}
    built: dict[str, Service] = {}
    for key in sorted(index.entities):
        entity = index.entities[key]
        if not is_service(entity):
            continue
        service = _service(entity, index, definitions, context_level, depends_on, findings, notes)
        if service.name in built:
            findings.append(
                Finding(
                    "AL004",
                    f"component '{service.name}' is declared twice; the first, at "
                    f"{built[service.name].name_location}, is used: rename or remove this one",
                    service.name_location or service.location,
                    {"service": service.name},
                )
            )
            continue
        built[service.name] = service
    return Reading(
        tuple(built[n] for n in sorted(built)),
        tuple(sorted(findings, key=Finding.sort_key)),
        notes,
    )


def _service(
    entity: Entity,
    index: Index,
    definitions: Mapping[Key, ApiDefinition],
    level: str,
    depends_on: CallKind,
    findings: list[Finding],
    notes: dict[Location, str],
) -> Service:
    context, context_location, note = _context(entity, index, level)
    if note is not None:
        notes.setdefault(context_location, note)
    parts = component_parts(entity, index, definitions, depends_on, findings, notes)
    extras = _annotations(entity, findings)
    metadata = entity.metadata
    tags = metadata.get("tags")
    owner = entity.spec.get("owner")
    return Service(
        name=service_name(entity),
        context=context,
        location=entity.at(),
        path=entity.path,
        owner=None if owner is None else str(owner),
        description=str(metadata["description"]).strip() if metadata.get("description") else None,
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        is_global=bool(extras.get("is_global", False)),
        availability=extras.get("availability"),
        slo=extras.get("slo"),
        owns=tuple(parts.owns) + tuple(extras.get("owns", ())),
        produces=tuple(parts.produces),
        consumes=tuple(parts.consumes),
        commands=tuple(parts.commands),
        queries=tuple(parts.queries),
        name_location=entity.at(metadata, "name"),
        context_location=context_location,
        availability_location=extras.get("availability_location"),
        slo_location=extras.get("slo_location"),
        title=entity.name if service_name(entity) != entity.name else None,
    )
