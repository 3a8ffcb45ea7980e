"""Which bounded context each service is in: the domain (or subdomain) that reaches it.

A domain reaches a service by listing it (`services`), through a system it lists
(`systems` -> the system's `services`), through a subdomain (`domains`, or a folder
`domains/D/subdomains/S/`), or by holding the service's folder. `context-level` picks the
leaf domain (`subdomain`, the default) or its top-level domain (`domain`). A service no
domain reaches is in its system's context; with no system either, it is in none (AL002).
"""

from __future__ import annotations

from dataclasses import dataclass

from archlint.eventcatalog.catalog import INVALID, Catalog, Resource
from archlint.eventcatalog.pointers import check_version, pointers
from archlint.eventcatalog.slugs import slug
from archlint.findings import Finding
from archlint.model import Location


@dataclass(frozen=True)
class Reach:
    """A context a service is in, with its display id and where the catalog says so."""

    context: str  # the context's name (slugged)
    shown: str  # the catalog's id of the domain or system
    location: Location


def _parents(catalog: Catalog, findings: list[Finding]) -> dict[str, str]:
    """Subdomain id -> the id of the domain it is a subdomain of."""
    parent: dict[str, str] = {}
    for domain in catalog.of_kind("domain"):
        for outer in catalog.enclosing(domain, "domain")[:1]:
            parent.setdefault(domain.id, outer.id)
        for pointer in pointers(domain.page, domain.data, "domains"):
            sub = catalog.get("domain", pointer.id)
            if sub is None:
                findings.append(_dangling(pointer.id, "domain", pointer.location))
                continue
            parent.setdefault(sub.id, domain.id)
    return parent


def _top(domain: str, parent: dict[str, str]) -> str:
    seen = {domain}
    while domain in parent and parent[domain] not in seen:
        domain = parent[domain]
        seen.add(domain)
    return domain


def _listed_services(
    catalog: Catalog, owner: Resource, findings: list[Finding]
) -> list[tuple[str, Location]]:
    """(service id, where) of every service `owner` (a domain or a system) lists."""
    listed = []
    for pointer in pointers(owner.page, owner.data, "services"):
        service = catalog.get("service", pointer.id)
        if service is None:
            findings.append(_dangling(pointer.id, "service", pointer.location))
            continue
        problem = check_version(owner.page, pointer, service)
        if problem is not None:
            findings.append(problem)
        listed.append((service.id, pointer.location))
    return listed


def service_contexts(
    catalog: Catalog, level: str, findings: list[Finding]
) -> dict[str, list[Reach]]:
    """Service id -> the contexts that reach it, sorted by context (AL002 findings added for
    dangling pointers)."""
    parent = _parents(catalog, findings)
    reached: dict[str, dict[str, Reach]] = {}
    systems_of: dict[str, list[Resource]] = {}
    for system in catalog.of_kind("system"):
        for service_id, _ in _listed_services(catalog, system, findings):
            systems_of.setdefault(service_id, []).append(system)

    def reach(service_id: str, domain_id: str, where: Location) -> None:
        leaf = _top(domain_id, parent) if level == "domain" else domain_id
        reached.setdefault(service_id, {}).setdefault(leaf, Reach(slug(leaf), leaf, where))

    for domain in catalog.of_kind("domain"):
        for service_id, where in _listed_services(catalog, domain, findings):
            reach(service_id, domain.id, where)
        for pointer in pointers(domain.page, domain.data, "systems"):
            listed = catalog.get("system", pointer.id)
            if listed is None:
                findings.append(_dangling(pointer.id, "system", pointer.location))
                continue
            for service_id, _ in _listed_services(catalog, listed, []):
                reach(service_id, domain.id, pointer.location)
    for service in catalog.of_kind("service"):
        for system in catalog.enclosing(service, "system")[:1]:
            systems_of.setdefault(service.id, []).append(system)
        if service.id in reached:
            continue
        for domain in catalog.enclosing(service, "domain")[:1]:
            reach(
                service.id,
                domain.id,
                domain.page.at(domain.data, "id" if not domain.legacy else "name"),
            )
        if service.id not in reached:
            for system in sorted(systems_of.get(service.id, []), key=lambda s: s.id)[:1]:
                reached[service.id] = {
                    system.id: Reach(slug(system.id), system.id, system.page.at(system.data, "id"))
                }
    return {sid: sorted(by.values(), key=lambda r: r.context) for sid, by in reached.items()}


def _dangling(ident: str, kind: str, where: Location) -> Finding:
    return Finding(
        INVALID,
        f"no {kind} '{ident}' in the catalog: add its page under {kind_folder(kind)}/{ident}/, "
        "or fix the id",
        where,
    )


def kind_folder(kind: str) -> str:
    return {"query": "queries", "domain": "domains", "system": "systems"}.get(kind, kind + "s")
