"""The estate's other inputs, for the loader: EventCatalog pages and Backstage entities.

    pages = read_pages(pages, options, limits)                      # EventCatalog
    entities = read_entities(yaml_files, roots, read_file, options, limits)  # Backstage

Each input is recognised by its content or layout (a page by its place in a catalog, an
entity by its `apiVersion: backstage.io/...`), never by a flag. Where a catalog leaves a
topic or a call's target out, the reader infers it and keeps a note at its place:
`with_notes` adds the note to every finding there, so the message says how.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archlint.backstage import MARKER, read_backstage_files
from archlint.config.settings import LIMITS, Limits
from archlint.eventcatalog import PAGE_NAMES, is_page, read_catalog_files
from archlint.findings import LIMIT, Finding
from archlint.loader.reading import TooLarge, Tree, read_regular
from archlint.loader.walk import PathNotFound, display_path, find_files
from archlint.model import Location, Service

__all__ = [
    "ASYNCAPI", "BACKSTAGE", "EVENTCATALOG", "MANIFESTS", "PAGE_NAMES", "Inputs", "PathNotFound",
    "is_page", "load_catalog", "read_entities", "read_pages", "with_notes",
]  # fmt: skip

EVENTCATALOG, BACKSTAGE, ASYNCAPI, MANIFESTS = "EventCatalog", "Backstage", "AsyncAPI", "manifests"


@dataclass(frozen=True)
class Inputs:
    services: tuple[tuple[Service, str], ...] = ()  # (service, the input it came from)
    findings: tuple[Finding, ...] = ()
    notes: Mapping[Location, str] = field(default_factory=dict)
    claimed: frozenset[str] = frozenset()  # AsyncAPI files a catalog service's specifications name


def read_pages(
    pages: Iterable[tuple[str, bytes]],
    options: Mapping[str, Mapping[str, str]],
    limits: Limits = LIMITS,
) -> Inputs:
    """The services of the EventCatalog pages (display path, bytes) of a run, read within
    the run's `limits`."""
    pages = list(pages)
    if not pages:  # nothing to map: the mapping is not even imported
        return Inputs()
    level = options.get("eventcatalog", {}).get("context-level", "subdomain")
    reading = read_catalog_files(pages, level, limits)
    return Inputs(
        tuple((s, EVENTCATALOG) for s in reading.services),
        reading.findings,
        reading.notes,
        reading.claimed,
    )


def read_entities(
    yaml_files: Iterable[tuple[str, bytes]],
    roots: list[str],
    read_file: Callable[[str], bytes] | None,
    options: Mapping[str, Mapping[str, str]],
    limits: Limits = LIMITS,
) -> Inputs:
    """The services of the Backstage entities among the YAML files of a run, read within the
    run's `limits` (`read_file` keeps limits.file-bytes itself)."""
    entity_files = [f for f in yaml_files if MARKER in f[1]]
    if not entity_files:  # nothing to map: the mapping is not even imported
        return Inputs()
    chosen = options.get("backstage", {})
    reading = read_backstage_files(
        entity_files,
        roots,
        read_file,
        chosen.get("context-level", "subdomain"),
        "command" if chosen.get("depends-on") == "command" else "query",
        limits,
    )
    return Inputs(tuple((s, BACKSTAGE) for s in reading.services), reading.findings, reading.notes)


def with_notes(findings: Iterable[Finding], notes: Mapping[Location, str]) -> list[Finding]:
    """Each finding at a place where something was inferred, with how it was."""
    if not notes:
        return list(findings)
    return [
        dataclasses.replace(f, message=f"{f.message} ({notes[f.location]})")
        if f.location is not None and f.location in notes
        else f
        for f in findings
    ]


def load_catalog(
    source: str,
    paths: Sequence[str],
    cwd: str,
    options: Mapping[str, Mapping[str, str]],
    limits: Limits = LIMITS,
) -> tuple[tuple[Service, ...], tuple[Finding, ...]]:
    """The services of one input (EVENTCATALOG or BACKSTAGE) alone under `paths`, read as
    `lint` reads them, within `limits` (for `archlint import`). Raises PathNotFound for a
    missing path."""

    tree = Tree(os.path.join(cwd, p) for p in paths)

    def read_bytes(shown: str) -> bytes:
        return read_regular(os.path.join(cwd, shown), tree, limits.file_bytes)

    unreadable: list[Finding] = []
    if source == EVENTCATALOG:
        found = [s for s, _ in find_files(paths, (), cwd, PAGE_NAMES) if is_page(s)]
        inputs = read_pages(_read_all(found, read_bytes, unreadable), options, limits)
    else:
        found = [s for s, _ in find_files(paths, (), cwd)]
        roots = [display_path(os.path.normpath(os.path.join(cwd, p)), cwd) for p in paths]
        files = _read_all(found, read_bytes, unreadable)
        inputs = read_entities(files, roots, read_bytes, options, limits)
    return tuple(s for s, _ in inputs.services), (*unreadable, *inputs.findings)


def _read_all(
    shown: Iterable[str], read_bytes: Callable[[str], bytes], unreadable: list[Finding]
) -> list[tuple[str, bytes]]:
    """The bytes of each file that can be read; an AL001 in `unreadable` for each other
    (AL006 for one past limits.file-bytes)."""
    files = []
    for path in shown:
        try:
            files.append((path, read_bytes(path)))
        except OSError as error:
            reason = error.strerror or str(error)
            message = f"cannot read the file: {reason[:1].lower() + reason[1:]}"
            code = LIMIT if isinstance(error, TooLarge) else "AL001"
            unreadable.append(Finding(code=code, message=message, location=Location(path, 1, 1)))
    return files
