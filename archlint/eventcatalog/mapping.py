"""Catalog pages -> archlint Services: the EventCatalog mapping of DESIGN.md ("Other inputs").

    reading = read_pages(pages, context_level="subdomain")
    reading.services, reading.findings, reading.notes, reading.claimed

Pure: pages come read (frontmatter values with a way to find positions). `notes` maps the
place of every inferred topic or target to how it was inferred; whoever reports a finding
there adds it to the message. `claimed` are the AsyncAPI files the services' `specifications`
name: they describe those services, so they are not read again as services of their own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archlint.eventcatalog.catalog import INVALID, Catalog, Resource, build_catalog
from archlint.eventcatalog.domains import service_contexts
from archlint.eventcatalog.edges import Edges, read_receives, read_sends, target_calls
from archlint.eventcatalog.pages import Page
from archlint.eventcatalog.routes import follow_routes, legacy_edges, owned_topics
from archlint.eventcatalog.slugs import shown, slug
from archlint.findings import Finding
from archlint.model import Location, Name, Service, Suppression

CONTEXT_LEVELS = ("subdomain", "domain")


@dataclass(frozen=True)
class Reading:
    services: tuple[Service, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: Mapping[Location, str] = field(default_factory=dict)
    claimed: frozenset[str] = frozenset()


def read_pages(pages: Iterable[Page], context_level: str = "subdomain") -> Reading:
    """The services of every page (one estate, whatever the number of catalog roots)."""
    catalog = build_catalog(pages)
    findings = list(catalog.findings)
    contexts = service_contexts(catalog, context_level, findings)
    services = catalog.of_kind("service")
    edges = Edges()
    current = [s for s in services if not s.legacy]
    untargeted = read_sends(catalog, current, edges)
    follow_routes(catalog, edges)
    receivers = read_receives(catalog, current, edges)
    target_calls(untargeted, receivers, edges)
    legacy_edges(catalog, edges)
    owns = owned_topics(catalog, edges)
    findings.extend(edges.findings)
    built: dict[str, Service] = {}
    claimed: set[str] = set()
    for resource in services:
        service = _service(resource, contexts.get(resource.id, []), edges, owns, findings)
        claimed.update(_specifications(resource))
        if service is None:
            continue
        if service.name in built:
            findings.append(_same_slug(resource, built[service.name]))
            continue
        built[service.name] = service
    return Reading(
        tuple(built[name] for name in sorted(built)),
        tuple(sorted(findings, key=Finding.sort_key)),
        dict(edges.notes),
        frozenset(claimed),
    )


def _service(
    resource: Resource,
    reaches: list[Any],
    edges: Edges,
    owns: Mapping[str, list[Name]],
    findings: list[Finding],
) -> Service | None:
    page, data = resource.page, resource.data
    id_location = page.at(data, "name" if resource.legacy else "id")
    if not reaches:
        findings.append(
            Finding(
                INVALID,
                f"service {shown(resource.id)} is in no domain and no system, so its bounded "
                "context is unknown: list it in a domain's `services`",
                id_location,
                {"service": slug(resource.id)},
            )
        )
        return None
    if len(reaches) > 1:
        names = ", ".join(f"'{r.shown}' ({r.location})" for r in reaches)
        findings.append(
            Finding(
                INVALID,
                f"service {shown(resource.id)} is reached from several domains ({names}); "
                f"'{reaches[0].shown}' is used: keep it in one domain",
                id_location,
                {"service": slug(resource.id)},
            )
        )
    extras = _extras(page, data, findings)
    return Service(
        name=slug(resource.id),
        context=reaches[0].context,
        location=page.at(),
        path=page.path,
        owner=_owner(data.get("owners")),
        description=_summary(data.get("summary")),
        tags=_tags(data.get("badges")),
        owns=tuple(owns.get(resource.id, ())) + extras.owns,
        produces=tuple(edges.produces.get(resource.id, ())),
        consumes=tuple(edges.consumes.get(resource.id, ())),
        commands=tuple(edges.commands.get(resource.id, ())),
        queries=tuple(edges.queries.get(resource.id, ())),
        is_global=extras.is_global,
        availability=extras.availability,
        slo=extras.slo,
        ignore=extras.ignore,
        name_location=id_location,
        context_location=reaches[0].location,
        availability_location=extras.availability_location,
        slo_location=extras.slo_location,
        title=resource.id if slug(resource.id) != resource.id else None,
    )


def _owner(owners: object) -> str | None:
    if not isinstance(owners, list) or not owners:
        return None
    first = owners[0]
    if isinstance(first, Mapping):
        first = first.get("id")
    return None if first is None else str(first)


def _summary(summary: object) -> str | None:
    return summary.strip() or None if isinstance(summary, str) else None


def _tags(badges: object) -> tuple[str, ...]:
    if not isinstance(badges, list):
        return ()
    tags = []
    for badge in badges:
        content = badge.get("content") if isinstance(badge, Mapping) else badge
        if isinstance(content, str) and content.strip():
            tags.append("-".join(content.split()))
    return tuple(tags)


@dataclass
class _Extras:
    is_global: bool = False
    availability: float | None = None
    slo: float | None = None
    owns: tuple[Name, ...] = ()
    ignore: tuple[Suppression, ...] = ()
    availability_location: Location | None = None
    slo_location: Location | None = None


def _extras(page: Page, data: Mapping[str, Any], findings: list[Finding]) -> _Extras:
    """The `x-archlint-*` keys: what the catalog has no words for."""
    extras = _Extras()
    value = data.get("x-archlint-global")
    if value is not None:
        if isinstance(value, bool):
            extras.is_global = value
        else:
            findings.append(_bad(page, data, "x-archlint-global", "true or false"))
    for key in ("availability", "slo"):
        value = data.get(f"x-archlint-{key}")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            findings.append(_bad(page, data, f"x-archlint-{key}", "a percentage from 0 to 100"))
            continue
        setattr(extras, key, float(value))
        setattr(extras, f"{key}_location", page.at(data, f"x-archlint-{key}"))
    owned = data.get("x-archlint-owns")
    if isinstance(owned, list) and all(isinstance(t, str) for t in owned):
        extras.owns = tuple(Name(t, page.at(owned, i)) for i, t in enumerate(owned))
    elif owned is not None:
        findings.append(_bad(page, data, "x-archlint-owns", "a list of topic names"))
    ignore = data.get("x-archlint-ignore")
    if isinstance(ignore, Mapping) and all(isinstance(r, str) for r in ignore.values()):
        extras.ignore = tuple(
            Suppression(str(rule), str(reason), page.at(ignore, str(rule)))
            for rule, reason in ignore.items()
        )
    elif ignore is not None:
        findings.append(_bad(page, data, "x-archlint-ignore", "a mapping of rule codes to reasons"))
    return extras


def _bad(page: Page, data: Mapping[str, Any], key: str, expected: str) -> Finding:
    return Finding(INVALID, f"'{key}' must be {expected}", page.at(data, key))


def _specifications(resource: Resource) -> list[str]:
    """The files of `specifications` (a list of {type, path}, or {asyncapiPath: ...})."""
    specs = resource.data.get("specifications")
    paths: list[object] = []
    if isinstance(specs, list):
        paths = [s.get("path") for s in specs if isinstance(s, Mapping)]
    elif isinstance(specs, Mapping):
        paths = list(specs.values())
    folder = posixpath.dirname(resource.page.path)
    return [posixpath.normpath(posixpath.join(folder, p)) for p in paths if isinstance(p, str)]


def _same_slug(resource: Resource, first: Service) -> Finding:
    return Finding(
        "AL004",
        f"service {shown(resource.id)} has the name of the service at {first.name_location}: "
        "two catalog ids that make one name; the first is used: rename this one",
        resource.page.at(resource.data, "name" if resource.legacy else "id"),
        {"service": first.name},
    )


__all__ = ["CONTEXT_LEVELS", "Catalog", "Reading", "read_pages"]
