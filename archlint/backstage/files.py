"""The shell of the Backstage reader: catalog files' YAML documents -> entities, the files
`Location` entities point to, and what each API's definition says.

Entities are the documents whose `apiVersion` starts with `backstage.io/`; everything else in
the same files (Kubernetes, other tools) is skipped unread. A definition is read where it is
inline or a relative `$text`/`$yaml`/`$json` file; a URL is never fetched.
"""

from __future__ import annotations

import dataclasses
import errno
import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from archlint.asyncapi import load_asyncapi
from archlint.backstage.entities import Entity
from archlint.backstage.index import INVALID, ApiDefinition, Key
from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.model import Location, Service
from archlint.yaml_reader import (
    LIMIT,
    YMap,
    YSeq,
    compose_documents,
    mark_position,
    node_problems,
    value_of,
)

PREFIX = "backstage.io/"
# a display path -> its bytes; raises OSError (errno EFBIG: past limits.file-bytes)
ReadFile = Callable[[str], bytes]


def is_entity(node: Node) -> bool:
    """A document with `apiVersion: backstage.io/...`, looked at before any conversion."""
    if type(node) is not MappingNode:
        return False
    for key, value in node.value:
        if type(key) is ScalarNode and key.value == "apiVersion" and type(value) is ScalarNode:
            return str(value.value).startswith(PREFIX)
    return False


def _locator(
    line_offset: int = 0, column_offset: int = 0
) -> Callable[[object, str | int | None], tuple[int, int]]:
    def locate(container: object, key: str | int | None) -> tuple[int, int]:
        try:
            if isinstance(container, YMap) and isinstance(key, str):
                node = container.value_node(key)
            elif isinstance(container, YSeq) and isinstance(key, int):
                node = container.node.value[key]
            elif isinstance(container, YMap | YSeq):
                node = container.node
            else:
                return 1 + line_offset, 1
        except (KeyError, IndexError, AttributeError):
            return 1 + line_offset, 1
        line, column = mark_position(node)
        return line + line_offset, column + column_offset

    return locate


def entity_of(
    path: str, node: Node, data: bytes, limits: Limits = LIMITS
) -> tuple[Entity | None, list[Finding]]:
    """One entity document of a file (`data`, its bytes) as an Entity, with its AL001/AL003
    problems, and AL006 past one of `limits`."""
    value, problems = value_of(node, data, **limits.reader)
    findings = [p.finding(path) for p in problems]
    if not isinstance(value, YMap):
        return None, findings
    locate = _locator()
    start = mark_position(node)

    def at_start(container: object, key: str | int | None) -> tuple[int, int]:
        return start if container is None else locate(container, key)

    return Entity(path, value, at_start), findings


def entities_of_file(
    path: str, data: bytes, limits: Limits = LIMITS
) -> tuple[list[Entity], list[Finding]]:
    """The entities of one file read on their own (Location targets, `import backstage`),
    within `limits`."""
    nodes, stopped = compose_documents(data, max_documents=limits.documents_per_file)
    findings = (
        []
        if stopped is None
        else [Finding(stopped.code, stopped.message, Location(path, stopped.line, stopped.column))]
    )
    entities = []
    for node in nodes:
        if is_entity(node):
            entity, problems = entity_of(path, node, data, limits)
            findings.extend(problems)
            if entity is not None:
                entities.append(entity)
    return entities, findings


def _inside(path: str, roots: Iterable[str]) -> bool:
    """Whether a display path lies under one of the linted roots (display paths too)."""
    if path == ".." or path.startswith("../"):
        return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
    return any(r in ("", ".") or path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def _targets(entity: Entity) -> list[tuple[str, Location]]:
    """A Location's `target` and `targets`, with where each is."""
    spec = entity.spec
    targets = (
        [(spec["target"], entity.at(spec, "target"))] if isinstance(spec.get("target"), str) else []
    )
    listed = spec.get("targets")
    if isinstance(listed, list):
        targets += [(t, entity.at(listed, i)) for i, t in enumerate(listed) if isinstance(t, str)]
    return targets


def follow_locations(
    entities: list[Entity],
    read: set[str],
    roots: list[str],
    read_file: ReadFile | None,
    limits: Limits = LIMITS,
) -> tuple[list[Entity], list[Finding]]:
    """The entities of the files `Location` entities point to that were not read yet
    (relative targets only, inside `roots`, recursively, each within `limits`), and the
    problems on the way."""
    found: list[Entity] = []
    findings: list[Finding] = []
    pending = list(entities)
    while pending:
        entity = pending.pop(0)
        if entity.kind != "location":
            continue
        for target, where in _targets(entity):
            if "://" in target:
                findings.append(
                    Finding(
                        INVALID,
                        f"Location target '{target}' is a URL: archlint never fetches one, so what it describes is not checked; add the files under the linted paths",
                        where,
                    )
                )
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(entity.path), target))
            if not _inside(path, roots):
                findings.append(
                    Finding(
                        INVALID,
                        f"Location target '{target}' is outside the linted tree, so it is not read: lint its folder too, or move it",
                        where,
                    )
                )
                continue
            if path in read:
                continue
            read.add(path)
            data = _read_target(read_file, path)
            if isinstance(data, OSError):
                findings.append(_unread(data, path, where, f"Location target '{target}'"))
                continue
            more, problems = entities_of_file(path, data, limits)
            found.extend(more)
            findings.extend(problems)
            pending.extend(more)
    return found, findings


def _read_target(read_file: ReadFile | None, path: str) -> bytes | OSError:
    """The bytes of a file an entity names, or why there are none."""
    try:
        if read_file is not None:
            return read_file(path)
    except OSError as error:
        return error
    return FileNotFoundError(errno.ENOENT, "no such file", path)


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "does not exist"
    return f"cannot be read: {error.strerror or error}"


def _unread(error: OSError, path: str, where: Location, named: str) -> Finding:
    """The finding of a file an entity names and archlint did not read: at the file for one
    past limits.file-bytes (AL006), else at the name (`where`)."""
    if error.errno == errno.EFBIG:
        return Finding(LIMIT, f"cannot read the file: {error.strerror}", Location(path, 1, 1))
    hint = ": fix the path or remove it" if isinstance(error, FileNotFoundError) else ""
    return Finding(INVALID, f"{named} {_why(error)}{hint}", where)


def _shift(value: Any, line: int, column: int) -> Any:
    """`value` (a Service, or part of one) with every Location moved by (line, column)."""
    if isinstance(value, Location):
        return Location(value.path, value.line + line, value.column + column)
    if isinstance(value, tuple):
        return tuple(_shift(v, line, column) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _shift(getattr(value, f.name), line, column) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def _definition_text(
    entity: Entity, read_file: ReadFile | None, findings: list[Finding]
) -> tuple[str | None, str, tuple[int, int], str | None]:
    """(text, path it is in, (line, column) shift, why it is unread); a definition file
    past limits.file-bytes is AL006 in `findings`, at the file."""
    spec = entity.spec
    definition = spec.get("definition")
    if isinstance(definition, str):
        # a block scalar's text starts on the line after `definition: |`, indented two
        # columns past the key
        line, _ = entity.locate(spec, "definition")
        _, key_column = (
            mark_position(spec.pair("definition")[0]) if isinstance(spec, YMap) else (0, 1)
        )
        return definition, entity.path, (line, key_column + 1), None
    if isinstance(definition, Mapping):
        for key in ("$text", "$yaml", "$json"):
            target = definition.get(key)
            if not isinstance(target, str):
                continue
            if "://" in target:
                return None, entity.path, (0, 0), f"{target} is a URL, never fetched"
            path = posixpath.normpath(posixpath.join(posixpath.dirname(entity.path), target))
            data = _read_target(read_file, path)
            if isinstance(data, OSError):
                if data.errno == errno.EFBIG:
                    findings.append(_unread(data, path, entity.at(definition, key), path))
                return None, entity.path, (0, 0), f"{path} {_why(data)}"
            return data.decode("utf-8", "replace"), path, (0, 0), None
    return None, entity.path, (0, 0), "it has none"


def read_definitions(
    entities: Iterable[Entity], read_file: ReadFile | None, limits: Limits = LIMITS
) -> tuple[dict[Key, ApiDefinition], list[Finding]]:
    """What each API entity's definition says: AsyncAPI ones read by the AsyncAPI reader,
    each within `limits`."""
    definitions: dict[Key, ApiDefinition] = {}
    findings: list[Finding] = []
    for entity in entities:
        if entity.kind != "api":
            continue
        api_type = str(entity.spec.get("type", "")).lower()
        text, path, (line, column), unread = _definition_text(entity, read_file, findings)
        if text is None:
            definitions[entity.key] = ApiDefinition(unread=unread)
            continue
        if api_type not in ("asyncapi", "openapi"):
            definitions[entity.key] = ApiDefinition(content=text)
            continue
        raw = text.encode("utf-8")
        nodes, stopped = compose_documents(raw, max_documents=limits.documents_per_file)
        if stopped is not None or not nodes:
            definitions[entity.key] = ApiDefinition(
                unread=f"its YAML does not parse{'' if stopped is None else ': ' + stopped.message}"
            )
            continue
        if api_type == "openapi":
            definitions[entity.key] = ApiDefinition(
                content=value_of(nodes[0], raw, **limits.reader)[0]
            )
            continue
        refused = node_problems(nodes[0], raw, **limits.reader)
        findings.extend(_shift(tuple(p.finding(path) for p in refused), line, column))
        if any(p.code in ("AL001", LIMIT) for p in refused):
            why = "its aliases are refused" if refused[0].code == "AL001" else "it is past a limit"
            definitions[entity.key] = ApiDefinition(unread=why)
            continue
        # the context is the component's, not the document's: any will do here
        services, problems = load_asyncapi(nodes[0], path, {"**": "backstage"}, None, limits)
        findings.extend(_shift(tuple(problems), line, column))
        service: Service | None = _shift(services[0], line, column) if services else None
        definitions[entity.key] = ApiDefinition(asyncapi=service)
    return definitions, findings
