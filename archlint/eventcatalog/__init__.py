"""EventCatalog directories as services: the mapping of DESIGN.md ("Other inputs").

    reading = read_catalog_files([(path, data), ...], context_level="subdomain", limits=LIMITS)

`files` are every `index.mdx`/`index.md` file of a run, by display path: a page is
recognised by its place (`services/<id>/index.mdx`, nested in `domains/<D>/`, ...), and
the pages of every catalog root found make one estate. Modules: pages (a page and its
place), versions (version pointers), catalog (the resources at their latest versions),
pointers (version pointers), domains (contexts), edges and routes (streams and calls), mapping (the
services), files (the shell: frontmatter read with archlint's YAML reader).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from archlint.config.settings import LIMITS, Limits
from archlint.eventcatalog.pages import PAGE_NAMES, place_of

if TYPE_CHECKING:  # the mapping is imported when a page is read: every lint asks is_page
    from archlint.eventcatalog.mapping import CONTEXT_LEVELS, Reading

__all__ = ["CONTEXT_LEVELS", "PAGE_NAMES", "Reading", "is_page", "read_catalog_files"]


def is_page(path: str) -> bool:
    """Whether a file at display path `path` is an EventCatalog page by its place."""
    return place_of(path) is not None


def read_catalog_files(
    files: Iterable[tuple[str, bytes]], context_level: str = "subdomain", limits: Limits = LIMITS
) -> Reading:
    """The services of the catalog pages among `files`, with every problem as a finding
    (a frontmatter past one of `limits` is AL006 there, and the other pages are read)."""
    from archlint.eventcatalog.files import read_page
    from archlint.eventcatalog.mapping import Reading, read_pages

    pages = []
    findings = []
    for path, data in files:
        page, problems = read_page(path, data, limits)
        findings.extend(problems)
        if page is not None:
            pages.append(page)
    reading = read_pages(pages, context_level)
    return Reading(
        reading.services,
        tuple(sorted((*findings, *reading.findings), key=lambda f: f.sort_key())),
        reading.notes,
        reading.claimed,
    )


def __getattr__(name: str) -> object:
    """`Reading` and `CONTEXT_LEVELS`, imported on first use (PEP 562)."""
    if name in ("Reading", "CONTEXT_LEVELS"):
        from archlint.eventcatalog import mapping

        return getattr(mapping, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
