"""Pages -> the catalog: every resource at its latest version, its older versions, and what
nests in what. Pure: the pages come read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archlint.eventcatalog.pages import MESSAGE_KINDS, Page
from archlint.eventcatalog.versions import latest, version_key
from archlint.findings import Finding

INVALID = "AL002"


@dataclass(frozen=True)
class Resource:
    """A resource at its latest version. `legacy`: written in the v0/v1 format (no `id`, the
    `name` is the id, edges on the messages)."""

    kind: str
    id: str
    page: Page
    legacy: bool
    version: str | None
    versions: tuple[str, ...]  # every version the catalog keeps, latest first

    @property
    def data(self) -> Mapping[str, Any]:
        return self.page.data


@dataclass
class Catalog:
    resources: dict[tuple[str, str], Resource] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # (root, folder pairs) of a page -> its resource: to find what a folder nests in
    by_folder: dict[tuple[str, tuple[tuple[str, str], ...]], Resource] = field(default_factory=dict)
    # kind -> its resources by id: the mapping asks for each kind several times
    by_kind: dict[str, list[Resource]] = field(default_factory=dict)

    def get(self, kind: str, ident: str) -> Resource | None:
        return self.resources.get((kind, ident))

    def of_kind(self, kind: str) -> list[Resource]:
        return list(self.by_kind.get(kind, ()))

    def message(self, ident: str) -> Resource | None:
        """The event, command or query with this id (the first kind that has it)."""
        for kind in MESSAGE_KINDS:
            found = self.resources.get((kind, ident))
            if found is not None:
                return found
        return None

    def enclosing(self, resource: Resource, kind: str) -> list[Resource]:
        """The resources of `kind` whose folders hold `resource`'s folder, innermost first."""
        place = resource.page.place
        found = []
        for end in range(len(place.pairs) - 1, 0, -1):
            outer = self.by_folder.get((place.root, place.pairs[:end]))
            if outer is not None and outer.kind == kind:
                found.append(outer)
        return found


def _ident(page: Page) -> tuple[str | None, bool]:
    ident = page.text("id")
    if ident:
        return ident, False
    name = page.text("name")
    return (name, True) if name else (None, False)


def build_catalog(pages: Iterable[Page]) -> Catalog:
    """Every resource of the pages: the latest version of each (kind, id) kept, two pages of
    one version reported (AL004), a page without `id` (or `name`) reported (AL002)."""
    catalog = Catalog()
    grouped: dict[tuple[str, str], list[tuple[Page, bool]]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        ident, legacy = _ident(page)
        if ident is None:
            catalog.findings.append(
                Finding(
                    INVALID,
                    f"this {page.place.kind} page has no 'id' (nor a 'name'): give it an 'id'",
                    page.at(),
                )
            )
            continue
        grouped.setdefault((page.place.kind, ident), []).append((page, legacy))
    for (kind, ident), versions in sorted(grouped.items()):  # by kind, then id
        resource = _latest(kind, ident, versions, catalog.findings)
        catalog.resources[(kind, ident)] = resource
        catalog.by_kind.setdefault(kind, []).append(resource)
        for page, _ in versions:
            catalog.by_folder.setdefault((page.place.root, page.place.pairs), resource)
    return catalog


def _latest(
    kind: str, ident: str, pages: list[tuple[Page, bool]], findings: list[Finding]
) -> Resource:
    if len(pages) == 1:  # most resources keep one version: nothing to compare or sort
        page, legacy = pages[0]
        version = page.text("version") or None
        return Resource(kind, ident, page, legacy, version, (version,) if version else ())
    seen: dict[str, Page] = {}
    for page, _ in pages:
        version = page.text("version") or ""
        if version in seen:
            findings.append(
                Finding(
                    "AL004",
                    f"{kind} '{ident}' version '{version or 'unversioned'}' is also described by "
                    f"{seen[version].path}: the first one is used; remove or re-version this one",
                    page.at(page.data, "version" if version else "id"),
                    {"service": ident} if kind == "service" else {},
                )
            )
            continue
        seen[version] = page
    newest = latest(list(seen))
    page = seen[newest]
    legacy = next(flag for p, flag in pages if p is page)
    ordered = tuple(sorted((v for v in seen if v), key=version_key, reverse=True))
    return Resource(kind, ident, page, legacy, newest or None, ordered)
