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
schema_keywords), manifest_reader (model elements from manifests), manifest_writer (the inverse, for
the import commands).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from archlint.asyncapi import ReadFile
from archlint.broker.readers import BrokerPart
from archlint.broker.readers.assemble import assemble, read_broker_file
from archlint.findings import Finding
from archlint.loader.documents import Element, FileLoad, load_file
from archlint.loader.walk import PathNotFound, display_path, find_files
from archlint.model import Context, Estate, Location, Service, Topic

__all__ = [
    "FileCache",
    "LoadError",
    "LoadResult",
    "display_path",
    "load_asyncapi_paths",
    "load_paths",
    "load_texts",
]

# (display path, the file's bytes or why they cannot be read, its $ref reader)
_File = tuple[str, bytes | Finding, ReadFile | None]


class FileCache:
    """What files contributed, by path and bytes, for a second load of mostly the same files
    (the two sides of `archlint diff`): a file is loaded again only where it changed. A file
    whose reading followed a `$ref` into another file is never kept, as that file may differ."""

    def __init__(self) -> None:
        self._loads: dict[tuple[str, bytes, tuple[tuple[str, str], ...], bool], FileLoad] = {}
        self.hits = 0

    def load(
        self,
        path: str,
        data: bytes,
        asyncapi_contexts: Mapping[str, str],
        read_file: ReadFile | None,
        manifests: bool,
    ) -> FileLoad:
        key = (path, data, tuple(sorted(asyncapi_contexts.items())), manifests)
        if key in self._loads:
            self.hits += 1
            return self._loads[key]
        followed: list[str] = []

        def tracked(relative: str) -> bytes:
            followed.append(relative)
            assert read_file is not None
            return read_file(relative)

        loaded = load_file(path, data, asyncapi_contexts, tracked if read_file else None, manifests)
        if not followed:
            self._loads[key] = loaded
        return loaded


class LoadError(Exception):
    """Loading cannot start (a path does not exist); the message is one line for the user."""


@dataclass(frozen=True)
class LoadResult:
    estate: Estate
    findings: tuple[Finding, ...]  # AL001..AL004, sorted by place


def load_paths(
    paths: Sequence[str],
    exclude: Sequence[str] = (),
    cwd: str | None = None,
    asyncapi_contexts: Mapping[str, str] = {},
    principals: Mapping[str, str] = {},
    super_users: Sequence[str] = (),
    cache: FileCache | None = None,
) -> LoadResult:
    """Every manifest, AsyncAPI document and broker configuration in the .yaml/.yml/.json files under `paths`
    (folders or files).

    Paths in locations are relative to `cwd` (default: the working directory) when under it.
    Raises LoadError for a path that does not exist.
    """
    return _assemble(
        _files(paths, exclude, cwd), asyncapi_contexts, (principals, super_users), cache=cache
    )


def load_asyncapi_paths(
    paths: Sequence[str], cwd: str | None = None, asyncapi_contexts: Mapping[str, str] = {}
) -> LoadResult:
    """The AsyncAPI documents under `paths` alone, read exactly as `load_paths` reads them:
    the same files, problems and services (for `archlint import asyncapi`). Manifests and
    other YAML are skipped unreported; a file that cannot be read is still AL001."""
    return _assemble(_files(paths, (), cwd), asyncapi_contexts, manifests=False)


def _files(paths: Sequence[str], exclude: Sequence[str], cwd: str | None) -> Iterator[_File]:
    cwd = os.path.abspath(cwd or os.getcwd())
    try:
        files = find_files(paths, exclude, cwd)
    except PathNotFound as error:
        raise LoadError(str(error)) from None
    return ((shown, _read(shown, absolute), _file_reader(absolute)) for shown, absolute in files)


def load_texts(
    files: Mapping[str, str | bytes],
    asyncapi_contexts: Mapping[str, str] = {},
    principals: Mapping[str, str] = {},
    super_users: Sequence[str] = (),
    cache: FileCache | None = None,
) -> LoadResult:
    """Manifests and AsyncAPI documents given as {path: text}; the paths are used as given,
    in sorted order (a `$ref` to another file is a finding: nothing else is read)."""
    return _assemble(
        (
            (path, text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text, None)
            for path, text in sorted(files.items())
        ),
        asyncapi_contexts,
        (principals, super_users),
        cache=cache,
    )


def _read(shown: str, absolute: str) -> bytes | Finding:
    try:
        with open(absolute, "rb") as handle:
            return handle.read()
    except OSError as error:
        reason = error.strerror or str(error)
        return Finding(
            code="AL001",
            message=f"cannot read the file: {reason[:1].lower() + reason[1:]}; check that it is a readable file",
            location=Location(shown, 1, 1),
        )


def _file_reader(absolute: str) -> ReadFile:
    """Reads the bytes of a file named relative to the document at `absolute` (for AsyncAPI's
    external $refs); raises OSError as open() does, for the caller to report."""
    folder = os.path.dirname(absolute)

    def read_file(relative: str) -> bytes:
        with open(os.path.join(folder, relative), "rb") as handle:
            return handle.read()

    return read_file


def _assemble(
    files: Iterable[_File],
    asyncapi_contexts: Mapping[str, str],
    broker_settings: tuple[Mapping[str, str], Sequence[str]] = ({}, ()),
    manifests: bool = True,
    cache: FileCache | None = None,
) -> LoadResult:
    """Load each file in order; keep the first of two same-named elements and report the
    later (AL004). Broker configuration (archlint.broker.readers) becomes the estate's
    Broker, with the configuration's `principals:` and `super-users:` (broker_settings)."""
    first: dict[tuple[type, str], Location] = {}
    kept: dict[type, list[Element]] = {Service: [], Topic: [], Context: []}
    findings: list[Finding] = []
    paths: list[str] = []
    broker: list[BrokerPart] = []
    for path, data, read_file in files:
        part = read_broker_file(path, data) if isinstance(data, bytes) else None
        if (part is None and _foreign_json(path, data)) or (part is not None and not manifests):
            continue
        paths.append(path)
        if isinstance(data, Finding) or part is not None:
            findings.extend([data] if isinstance(data, Finding) else [])
            broker.extend([part] if part is not None else [])
            continue
        if cache is not None:
            loaded = cache.load(path, data, asyncapi_contexts, read_file, manifests)
        else:
            loaded = load_file(path, data, asyncapi_contexts, read_file, manifests)
        findings.extend(loaded.findings)
        broker.extend(loaded.broker)
        for element, name_location in loaded.elements:
            key = (type(element), element.name)
            if key in first:
                findings.append(_duplicate_name(element, name_location, first[key]))
                continue
            first[key] = name_location
            kept[type(element)].append(element)
    configured, broker_findings = assemble(broker, *broker_settings)
    findings.extend(broker_findings)
    estate = Estate.build(
        services=[e for e in kept[Service] if isinstance(e, Service)],
        topics=[e for e in kept[Topic] if isinstance(e, Topic)],
        contexts=[e for e in kept[Context] if isinstance(e, Context)],
        paths=paths,
        broker=configured,
    )
    return LoadResult(estate=estate, findings=_sorted_once(findings))


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
