"""AsyncAPI documents as services: one document (2.x or 3.x) describes one service.

The loader calls `load_asyncapi` for every YAML/JSON document whose top-level mapping has
an `asyncapi` key. Topics are matched across documents by address (the Kafka binding's
`topic` where given), never by channel key, so documents written by different teams meet
on the topics they share.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archlint.asyncapi import nodes, v2, v3
from archlint.asyncapi.exchanges import Reading
from archlint.asyncapi.identity import Identity, read_identity
from archlint.asyncapi.refs import INVALID, ExpansionLimit, ReadFile, RefResolver
from archlint.asyncapi.service import Parts, assemble
from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.model import Location, Service
from archlint.yaml_reader import LIMIT, Node

__all__ = ["ReadFile", "load_asyncapi"]

VersionReader = Callable[[Node, RefResolver], Reading]
READERS: dict[str, VersionReader] = {"2": v2.read, "3": v3.read}


def load_asyncapi(
    node: Node,
    path: str,
    contexts: Mapping[str, str],
    read_file: ReadFile | None,
    limits: Limits = LIMITS,
) -> tuple[list[Service], list[Finding]]:
    """The service one AsyncAPI document describes, and the problems that stood in the way.

    `node` is the document as archlint.yaml_reader composed it (its aliases checked, its
    repeated keys reported); `path` its display path (also what the globs of `contexts`
    match); `read_file` reads a path relative to the document's folder, for `$ref`s to other
    files (None: such a `$ref` is a finding). No service comes out when its name or context
    cannot be told; every problem is a finding at its place (AL002, or the reader's AL001
    and AL003 in the files `$ref`s name; AL006 past one of `limits`).
    """
    if not nodes.is_mapping(node):
        return [], [Finding(INVALID, "an AsyncAPI document must be a mapping", _where(node, path))]
    version_node = nodes.get(node, "asyncapi")
    if nodes.is_mapping(version_node) or nodes.is_sequence(version_node):
        # Not an AsyncAPI document (whose `asyncapi` is its version) but some other YAML
        # with such a key: archlint.yaml's own `asyncapi: {contexts: ...}`, for one.
        return [], []
    version = nodes.text(version_node) or ""
    reader = READERS.get(version.split(".", 1)[0]) if "." in version else None
    if reader is None:
        return [], [
            Finding(
                INVALID,
                f"AsyncAPI version '{version}' is not one archlint reads: "
                "it reads 2.x (2.0 to 2.6) and 3.x documents",
                _where(version_node if version_node is not None else node, path),
            )
        ]
    resolver = RefResolver(node, path, read_file, limits)
    try:
        reading = reader(node, resolver)
        ident = read_identity(node, path, contexts, resolver, reading)
    except ExpansionLimit as limit:
        refused = Finding(LIMIT, str(limit), _where(node, path))
        return [], _unique([*resolver.findings, refused])
    parts = assemble(reading)  # which may find problems too
    findings = _unique(resolver.findings + reading.findings)
    if ident.name is None or ident.context is None:
        return [], findings
    return [_service(node, path, ident.name, ident.context, ident, parts)], findings


def _service(
    node: Node, path: str, name: str, context: str, ident: Identity, parts: Parts
) -> Service:
    return Service(
        name=name,
        context=context,
        location=_where(node, path),
        path=path,
        description=ident.description,
        owns=parts.owns,
        produces=parts.produces,
        consumes=parts.consumes,
        commands=parts.commands,
        queries=parts.queries,
        ignore=tuple(ident.ignore),
        name_location=ident.name_location,
        context_location=ident.context_location,
    )


def _where(node: Node | None, path: str) -> Location:
    return nodes.location(node, path) if node is not None else Location(path)


def _unique(findings: list[Finding]) -> list[Finding]:
    """Each problem once (a shared message is read by every operation that sends it), sorted."""
    seen: dict[tuple[Location | None, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.location, f.message), f)
    return sorted(seen.values(), key=Finding.sort_key)
