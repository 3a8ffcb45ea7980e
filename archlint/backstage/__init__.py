"""Backstage software catalogs as services: the mapping of DESIGN.md ("Other inputs").

    reading = read_backstage_files([(path, data), ...], roots=["."], read_file=...)

Entities are the YAML documents with `apiVersion: backstage.io/...` in the files given, and in
the files their `Location` entities point to (relative targets inside `roots`; URLs are never
fetched). Modules: entities (an entity and its references), index (what the mapping works
from), apis (reads or writes, from a definition), calls (a component's calls and streams),
mapping (the services), files (the shell: YAML, Locations, definitions).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.model import CallKind

if TYPE_CHECKING:  # the reader is imported when an entity is met: every lint asks for MARKER
    from archlint.backstage.files import ReadFile
    from archlint.backstage.index import Reading
    from archlint.backstage.mapping import CONTEXT_LEVELS, DEPENDS_ON

__all__ = ["CONTEXT_LEVELS", "DEPENDS_ON", "MARKER", "Reading", "read_backstage_files"]

MARKER = b"backstage.io/"  # no file without it holds an entity: the others are not parsed


def read_backstage_files(
    files: Iterable[tuple[str, bytes]],
    roots: list[str],
    read_file: ReadFile | None,
    context_level: str = "subdomain",
    depends_on: CallKind = "query",
    limits: Limits = LIMITS,
) -> Reading:
    """The services of the Backstage entities among `files` (display path, bytes), each file
    (and each file a Location or a definition names) read within `limits`: AL006 past one,
    and the other files are read."""
    from archlint.backstage.files import entities_of_file, follow_locations, read_definitions
    from archlint.backstage.index import Reading
    from archlint.backstage.mapping import read_entities

    entities = []
    findings: list[Finding] = []
    read = set()
    for path, data in files:
        read.add(path)
        if MARKER not in data:
            continue
        found, problems = entities_of_file(path, data, limits)
        entities.extend(found)
        findings.extend(problems)
    more, problems = follow_locations(entities, read, roots, read_file, limits)
    entities.extend(more)
    findings.extend(problems)
    definitions, problems = read_definitions(entities, read_file, limits)
    findings.extend(problems)
    reading = read_entities(entities, definitions, context_level, depends_on)
    return Reading(
        reading.services,
        tuple(sorted((*findings, *reading.findings), key=Finding.sort_key)),
        reading.notes,
    )


def __getattr__(name: str) -> object:
    """`Reading`, `CONTEXT_LEVELS` and `DEPENDS_ON`, imported on first use (PEP 562)."""
    if name == "Reading":
        from archlint.backstage import index

        return index.Reading
    if name in ("CONTEXT_LEVELS", "DEPENDS_ON"):
        from archlint.backstage import mapping

        return getattr(mapping, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
