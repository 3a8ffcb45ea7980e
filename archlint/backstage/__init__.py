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

from archlint.backstage.files import ReadFile, entities_of_file, follow_locations, read_definitions
from archlint.backstage.index import Reading
from archlint.backstage.mapping import CONTEXT_LEVELS, DEPENDS_ON, read_entities
from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.model import CallKind

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
