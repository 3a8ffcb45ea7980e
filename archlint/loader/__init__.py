"""Files -> LoadResult(estate, findings): the imperative shell that reads the estate.

    load_paths(["services"], exclude=["*/generated/*"])   # walk folders, read files
    load_texts({"a.yaml": "apiVersion: archlint/v1\\n..."})  # for tests: paths used as given
    load_asyncapi_paths(["api"])   # the AsyncAPI documents alone (`archlint import asyncapi`)

Every problem found while loading is a finding (AL001 unreadable YAML, AL002 a manifest that
breaks the schema, AL003 a duplicate key, AL004 a name declared twice) at its file, line and
column, and the rest of the estate is still loaded. Only a path that does not exist is an
error (LoadError), because then there is nothing sensible to check.

Files are read by archlint.yaml_reader, the one YAML reader, whatever they hold; AsyncAPI
documents are handed to archlint.asyncapi. Modules: walk (which files), documents (one
file), validate (manifests against the JSON Schema, with validation, schema_compiler and
schema_keywords), manifest_reader (model elements from manifests), manifest_writer (the
inverse, for the import commands), catalogs (EventCatalog and Backstage), file_cache (one
load of an unchanged file for `archlint diff`). Broker configuration is read by
archlint.broker.readers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.loader import catalogs
from archlint.loader.file_cache import FileCache
from archlint.loader.reading import (
    TooLarge,
    Tree,
    file_reader,
    read_or_finding,
    read_regular,
    within,
)
from archlint.loader.walk import PathNotFound, display_path, find_files
from archlint.model import Broker, Context, Estate, Location, Service, Topic

# The readers (YAML, AsyncAPI, broker) are imported where a file is read: a replay needs none.
if TYPE_CHECKING:
    from archlint.asyncapi import ReadFile
    from archlint.broker.readers import BrokerPart
    from archlint.loader.documents import Element

    # (display path, the file's bytes or why they cannot be read, its $ref reader)
    _File = tuple[str, bytes | Finding, ReadFile | None]

__all__ = [
    "FileCache", "LoadError", "LoadResult", "display_path", "load_asyncapi_paths", "load_paths",
    "load_texts",
]  # fmt: skip


class LoadError(Exception):
    """Loading cannot start (a path does not exist); the message is one line for the user."""


@dataclass(frozen=True)
class LoadResult:
    estate: Estate
    findings: tuple[Finding, ...]  # AL001..AL004, sorted by place
    # where a catalog's topic or target was inferred, how (for the findings there)
    notes: Mapping[Location, str] = field(default_factory=dict)


def load_paths(
    paths: Sequence[str],
    exclude: Sequence[str] = (),
    cwd: str | None = None,
    asyncapi_contexts: Mapping[str, str] = {},
    inputs: Mapping[str, Mapping[str, str]] = {},
    principals: Mapping[str, str] = {},
    super_users: Sequence[str] = (),
    cache: FileCache | None = None,
    limits: Limits = LIMITS,
) -> LoadResult:
    """Every manifest, AsyncAPI document and broker configuration in the .yaml/.yml/.json
    files under `paths` (folders or files), and the services of the EventCatalog pages and
    Backstage entities there (`inputs`: their options, as in the configuration; `principals`
    and `super_users`: the broker's, as in the configuration; `cache`: see FileCache;
    `limits`: what one file may cost, AL006 past one).

    Paths in locations are relative to `cwd` (default: the working directory) when under it.
    Raises LoadError for a path that does not exist.
    """
    cwd = os.path.abspath(cwd or os.getcwd())
    found, unlisted = _found(paths, exclude, cwd)
    roots = [display_path(os.path.normpath(os.path.join(cwd, p)), cwd) for p in paths]
    tree = Tree(os.path.join(cwd, p) for p in paths)

    def read_bytes(shown: str) -> bytes:
        return read_regular(os.path.join(cwd, shown), tree, limits.file_bytes)

    pages = [
        (shown, read_or_finding(shown, absolute, tree, limits.file_bytes))
        for shown, absolute in found
        if catalogs.is_page(shown)
    ]
    others = _Others(pages, roots, read_bytes, inputs, (principals, super_users), cache)
    files = _files(found, unlisted, tree, limits.file_bytes)
    return _assemble(files, asyncapi_contexts, others, limits=limits)


def load_asyncapi_paths(
    paths: Sequence[str],
    cwd: str | None = None,
    asyncapi_contexts: Mapping[str, str] = {},
    limits: Limits = LIMITS,
) -> LoadResult:
    """The AsyncAPI documents under `paths` alone, read exactly as `load_paths` reads them:
    the same files, problems and services (for `archlint import asyncapi`). Manifests and
    other YAML are skipped unreported; a file that cannot be read is still AL001."""
    cwd = os.path.abspath(cwd or os.getcwd())
    found, unlisted = _found(paths, (), cwd)
    tree = Tree(os.path.join(cwd, p) for p in paths)
    files = _files(found, unlisted, tree, limits.file_bytes)
    return _assemble(files, asyncapi_contexts, manifests=False, limits=limits)


def _found(
    paths: Sequence[str], exclude: Sequence[str], cwd: str
) -> tuple[list[tuple[str, str]], list[_File]]:
    """(display path, absolute path) of the YAML/JSON files and catalog pages to read, and
    the AL001 of each folder below the paths that cannot be listed (unreadable is not clean)."""
    unlisted: list[tuple[str, OSError]] = []
    try:
        found = find_files(paths, exclude, cwd, catalogs.PAGE_NAMES, unlisted)
    except PathNotFound as error:
        raise LoadError(str(error)) from None
    return found, [(shown, _unlisted(shown, error), None) for shown, error in unlisted]


def _unlisted(shown: str, error: OSError) -> Finding:
    reason = (error.strerror or str(error)).lower()
    return Finding(
        code="AL001",
        message=(
            f"cannot list the folder: {reason}; the files in it are not checked: let the user "
            "running archlint read it, or exclude it"
        ),
        location=Location(shown, 1, 1),
    )


def _files(
    found: list[tuple[str, str]], unlisted: list[_File], tree: Tree, max_bytes: int
) -> Iterator[_File]:
    yield from unlisted
    for shown, absolute in found:
        if not catalogs.is_page(shown):
            reader = file_reader(absolute, tree, max_bytes)
            yield shown, read_or_finding(shown, absolute, tree, max_bytes), reader


def load_texts(
    files: Mapping[str, str | bytes],
    asyncapi_contexts: Mapping[str, str] = {},
    inputs: Mapping[str, Mapping[str, str]] = {},
    principals: Mapping[str, str] = {},
    super_users: Sequence[str] = (),
    cache: FileCache | None = None,
    limits: Limits = LIMITS,
) -> LoadResult:
    """Manifests, AsyncAPI documents, broker and catalog files given as {path: text}; the paths are
    used as given, in sorted order (a `$ref` to another file is a finding: nothing else is
    read, but a Backstage Location may point to another of the files)."""
    data: dict[str, bytes | Finding] = {
        path: within(
            path,
            text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text,
            limits.file_bytes,
        )
        for path, text in sorted(files.items())
    }
    pages: list[tuple[str, bytes | Finding]] = [
        (p, d) for p, d in data.items() if catalogs.is_page(p)
    ]

    def read_bytes(path: str) -> bytes:
        found = data.get(path)
        if found is None:
            raise FileNotFoundError(path)
        if isinstance(found, Finding):
            raise TooLarge(limits.file_bytes)
        return found

    return _assemble(
        ((path, text, None) for path, text in data.items() if not catalogs.is_page(path)),
        asyncapi_contexts,
        _Others(pages, ["."], read_bytes, inputs, (principals, super_users), cache),
        limits=limits,
    )


@dataclass(frozen=True)
class _Others:
    """The run's other inputs: its catalog pages, the linted roots (Location targets must
    stay inside them), how to read a file by display path, the inputs' options, the
    broker's principals and super-users, and the cache of unchanged files."""

    pages: list[tuple[str, bytes | Finding]]
    roots: list[str]
    read_bytes: Callable[[str], bytes]
    options: Mapping[str, Mapping[str, str]]
    broker_settings: tuple[Mapping[str, str], Sequence[str]] = ({}, ())
    cache: FileCache | None = None


@dataclass
class _Kept:
    """What the files contributed so far: elements by kind (the first of each name), the
    services per input, the findings, the files read and the broker's parts."""

    first: dict[tuple[type, str], Location] = field(default_factory=dict)
    elements: dict[type, list[Any]] = field(
        default_factory=lambda: {Service: [], Topic: [], Context: []}
    )
    sources: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    broker: list[BrokerPart] = field(default_factory=list)

    def keep(self, element: Element, name_location: Location, source: str) -> None:
        key = (type(element), element.name)
        if key in self.first:
            self.findings.append(_duplicate_name(element, name_location, self.first[key]))
            return
        self.first[key] = name_location
        self.elements[type(element)].append(element)
        if isinstance(element, Service):
            self.sources[source] = self.sources.get(source, 0) + 1


def _assemble(
    files: Iterable[_File],
    asyncapi_contexts: Mapping[str, str],
    others: _Others | None = None,
    manifests: bool = True,
    limits: Limits = LIMITS,
) -> LoadResult:
    """Load each file in order; keep the first of two same-named elements and report the
    later (AL004). Broker configuration (archlint.broker.readers) becomes the estate's
    Broker, with the configuration's `principals:` and `super-users:`."""
    kept = _Kept()
    # pages before files: the AsyncAPI files a catalog service's `specifications` name are skipped
    pages = (
        catalogs.read_pages(
            _readable(others.pages, kept.paths, kept.findings), others.options, limits
        )
        if others
        else catalogs.Inputs()
    )
    for service, source in pages.services:
        kept.keep(service, service.name_location or service.location, source)
    yaml_files = _load_files(
        files, asyncapi_contexts, others, (manifests, limits), pages.claimed, kept
    )
    entities = (
        catalogs.read_entities(yaml_files, others.roots, others.read_bytes, others.options, limits)
        if others
        else catalogs.Inputs()
    )
    for service, source in entities.services:
        kept.keep(service, service.name_location or service.location, source)
    kept.findings.extend((*pages.findings, *entities.findings))
    broker: Broker | None = None
    if kept.broker:  # the broker readers are imported only for an estate that has some
        from archlint.broker.readers.assemble import assemble

        broker, broker_findings = assemble(
            kept.broker, *(others.broker_settings if others else ({}, ()))
        )
        kept.findings.extend(broker_findings)
    estate = Estate.build(
        services=kept.elements[Service], topics=kept.elements[Topic],
        contexts=kept.elements[Context], paths=kept.paths, broker=broker,
        sources=kept.sources if set(kept.sources) - {catalogs.MANIFESTS} else None,
    )  # fmt: skip
    notes = {**entities.notes, **pages.notes}
    return LoadResult(estate=estate, findings=_sorted_once(kept.findings), notes=notes)


def _load_files(
    files: Iterable[_File],
    asyncapi_contexts: Mapping[str, str],
    others: _Others | None,
    reading: tuple[bool, Limits],
    claimed: Iterable[str],
    kept: _Kept,
) -> list[tuple[str, bytes]]:
    """Each YAML/JSON file's contribution into `kept`; the files read (for Backstage).
    `reading`: whether manifests are read (not by `import asyncapi`), and the limits."""
    from archlint.broker.readers.assemble import read_broker_file
    from archlint.loader.documents import load_file

    manifests, limits = reading
    cache = others.cache if others else None
    skip = set(claimed)
    yaml_files: list[tuple[str, bytes]] = []
    for path, data, read_file in files:
        part = read_broker_file(path, data) if isinstance(data, bytes) else None
        if part is not None:
            if manifests:
                kept.paths.append(path)
                kept.broker.append(part)
            continue
        if _foreign_json(path, data) or path in skip:
            continue
        kept.paths.append(path)
        if isinstance(data, Finding):
            kept.findings.append(data)
            continue
        if catalogs.MARKER in data:  # only Backstage entities are read again: keep no other bytes
            yaml_files.append((path, data))
        if cache is not None:
            loaded = cache.load(path, data, asyncapi_contexts, read_file, manifests, limits)
        else:
            loaded = load_file(path, data, asyncapi_contexts, read_file, manifests, limits)
        kept.findings.extend(loaded.findings)
        kept.broker.extend(loaded.broker)
        source = catalogs.MANIFESTS if b"archlint/" in data else catalogs.ASYNCAPI
        for element, name_location in loaded.elements:
            kept.keep(element, name_location, source)
    return yaml_files


def _readable(
    pages: list[tuple[str, bytes | Finding]], paths: list[str], findings: list[Finding]
) -> list[tuple[str, bytes]]:
    """The pages that could be read (counted as files read); the others' problems."""
    readable = []
    for path, data in pages:
        paths.append(path)
        if isinstance(data, Finding):
            findings.append(data)
        else:
            readable.append((path, data))
    return readable


def _sorted_once(findings: list[Finding]) -> tuple[Finding, ...]:
    """Sorted by place, each problem once: a file that two documents `$ref` is reported once."""
    unique: dict[tuple[object, ...], Finding] = {}
    for f in findings:
        unique.setdefault((f.sort_key(), tuple(f.entities.items())), f)
    return tuple(sorted(unique.values(), key=Finding.sort_key))


def _foreign_json(path: str, data: bytes | Finding) -> bool:
    """A .json file that cannot be an AsyncAPI document (package.json, tsconfig.json, ...):
    skipped unparsed and uncounted, so that a repository's other JSON costs nothing."""
    return path.lower().endswith(".json") and isinstance(data, bytes) and b'"asyncapi"' not in data


_KIND_WORDS = {Service: "service", Topic: "topic", Context: "context"}


def _duplicate_name(element: Element, where: Location, first: Location) -> Finding:
    word = _KIND_WORDS[type(element)]
    return Finding(
        code="AL004",
        message=(
            f"{word} '{element.name}' is declared twice; the first declaration, at {first}, is the one used: "
            f"rename or remove this one"
        ),
        location=where,
        entities={word: element.name},
    )
