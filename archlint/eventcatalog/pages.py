"""A catalog's pages: one `index.mdx`/`index.md` file's frontmatter, and where it sits.

EventCatalog keeps each resource in a folder of its collection (`services/<id>/index.mdx`),
nested in the resources it belongs to (`domains/<D>/services/<S>/events/<E>/`), with older
versions under `versioned/<version>/`. The folders alone say what a page is, so a page is
recognised by its place, and the catalog's root is whatever lies above the collections.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archlint.model import Location

# collection folder -> the kind of resource it holds (subdomains are domains one level down)
COLLECTIONS = {
    "domains": "domain",
    "subdomains": "domain",
    "systems": "system",
    "services": "service",
    "events": "event",
    "commands": "command",
    "queries": "query",
    "channels": "channel",
}
MESSAGE_KINDS = ("event", "command", "query")
PAGE_NAMES = ("index.mdx", "index.md")

# (a mapping or list of the frontmatter, a key or index in it; None: the frontmatter's start)
#   -> (line, column) in the file
Locate = Callable[[object, "str | int | None"], tuple[int, int]]


@dataclass(frozen=True)
class Place:
    """Where a page sits: its catalog root, the (collection, folder) pairs down to it, and
    the `versioned/<v>` folder of an older version."""

    root: str
    pairs: tuple[tuple[str, str], ...]
    version_folder: str | None = None

    @property
    def kind(self) -> str:
        return COLLECTIONS[self.pairs[-1][0]]

    @property
    def enclosing(self) -> tuple[tuple[str, str], ...]:
        """The resources the page's folder is nested in, outermost first, as (kind, folder)."""
        return tuple((COLLECTIONS[c], folder) for c, folder in self.pairs[:-1])


@lru_cache(maxsize=1 << 16)
def place_of(path: str) -> Place | None:
    """The place of a page at `path` ('/'-separated), or None when it is no catalog page."""
    parts = path.split("/")
    if parts[-1] not in PAGE_NAMES:
        return None
    parts = parts[:-1]
    version_folder = None
    if len(parts) >= 2 and parts[-2] == "versioned":
        version_folder = parts[-1]
        parts = parts[:-2]
    pairs: list[tuple[str, str]] = []
    while len(parts) >= 2 and parts[-2] in COLLECTIONS:
        pairs.insert(0, (parts[-2], parts[-1]))
        parts = parts[:-2]
    if not pairs:
        return None
    return Place("/".join(parts), tuple(pairs), version_folder)


@dataclass(frozen=True)
class Page:
    """One page's frontmatter (a mapping of plain values) and how to find positions in it."""

    path: str
    place: Place
    data: Mapping[str, Any]
    locate: Locate

    def at(self, container: object = None, key: str | int | None = None) -> Location:
        """Where `key` of `container` (a mapping or list of `data`) is, in the file."""
        line, column = self.locate(container, key)
        return Location(self.path, line, column)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        kind = type(value)  # exact types: an ABC isinstance check costs 10x, on every page
        if kind is str:
            return str(value)
        return str(value) if kind is int or kind is float else None
