"""One file's bytes -> its model elements and its AL001..AL003 findings.

Each YAML document is looked at, on the node level, before anything is converted:
- `apiVersion: archlint/v1` (or an apiVersion that is clearly meant for archlint, such as
  archlint/v2 or a misspelt key): a manifest; converted, validated against the schema,
  and built;
- a mapping whose `asyncapi` is a version: handed to archlint.asyncapi.load_asyncapi, once the
  reader has found nothing that stops it (AL001) and reported its repeated keys (AL003);
- a Strimzi KafkaTopic/KafkaUser or a Dapr Component/Subscription: broker configuration,
  converted and handed to archlint.broker.readers;
- a Service, Topic or Context shaped like an archlint manifest (`metadata.context`, spec keys
  only archlint has) whose apiVersion is missing or not archlint's: AL002, with the fix;
- anything else: some other tool's YAML, skipped unread. A list or a string that holds
  archlint manifests, or that stands among archlint manifests in one file, is a mistake
  in a manifest (AL002), not someone else's YAML.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from archlint.broker.readers import BrokerPart
from archlint.broker.readers.dapr import DAPR_GROUP, read_dapr
from archlint.broker.readers.dapr import KINDS as DAPR_KINDS
from archlint.broker.readers.strimzi import KINDS as STRIMZI_KINDS
from archlint.broker.readers.strimzi import STRIMZI_GROUP, read_strimzi
from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.loader.fast_path import fast_element, limits_cannot_trip
from archlint.loader.manifest_reader import build_document
from archlint.loader.validate import validate
from archlint.model import Context, Location, Service, Topic
from archlint.yaml_reader import (
    LIMIT,
    NULL,
    MappingNode,
    Node,
    Problem,
    ScalarNode,
    SequenceNode,
    YMap,
    check_limits,
    compose_documents,
    mark_position,
    node_location,
    node_problems,
    to_value,
    value_of,
)

if TYPE_CHECKING:  # the AsyncAPI reader is imported when a file holds an AsyncAPI document
    from archlint.asyncapi import ReadFile

API_VERSION = "archlint/v1"

Element = Service | Topic | Context


@dataclass
class FileLoad:
    """What one file contributed: elements in document order, each with where its name is."""

    elements: list[tuple[Element, Location]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    broker: list[BrokerPart] = field(default_factory=list)  # its broker configuration


# --- what a document is ----------------------------------------------------------------------

MANIFEST, ASYNCAPI, MISPLACED, OTHER = "manifest", "asyncapi", "misplaced", "other"
NEAR_MISS = "near-miss"  # an archlint manifest in all but its apiVersion
STRIMZI, DAPR = "strimzi", "dapr"  # broker configuration (archlint.broker.readers)


def _broker_kind(node: Node) -> str:
    """STRIMZI or DAPR for a KafkaTopic/KafkaUser or a Dapr Component/Subscription, else OTHER."""
    scalars = {
        k.value: v.value
        for k, v in node.value  # a MappingNode's (key, value) pairs
        if type(k) is ScalarNode and type(v) is ScalarNode and k.value in ("apiVersion", "kind")
    }
    api, kind = scalars.get("apiVersion", ""), scalars.get("kind", "")
    if api.startswith(STRIMZI_GROUP) and kind in STRIMZI_KINDS:
        return STRIMZI
    if api.startswith(DAPR_GROUP) and kind in DAPR_KINDS:
        return DAPR
    return OTHER


def _meant_for_archlint(key: str, value: str) -> bool:
    """`apiVersion: archlint/v1`, or a near miss: `apiVersion: archlint/v2`, `apiversion: archlint/v1`."""
    if not value.lower().startswith("archlint/"):
        return False
    if key == "apiVersion":
        return True
    folded = key.lower().replace("_", "").replace("-", "")
    return folded == "apiversion" or SequenceMatcher(None, folded, "apiversion").ratio() >= 0.8


def _is_manifest(node: Node) -> bool:
    if type(node) is not MappingNode:
        return False
    for key, value in node.value:
        if (
            type(key) is ScalarNode
            and type(value) is ScalarNode
            and key.value == "apiVersion"
            and value.value == API_VERSION
        ):
            return True
    for key, value in node.value:
        if (
            type(key) is ScalarNode
            and type(value) is ScalarNode
            and _meant_for_archlint(key.value, value.value)
        ):
            return True
    return False


ARCHLINT_KINDS = frozenset({"Service", "Topic", "Context"})
# spec keys that only the archlint format has (a Kubernetes Service has ports, selector, ...)
ARCHLINT_SPEC_KEYS = frozenset(
    {"owns", "produces", "consumes", "commands", "queries", "views", "writers", "events"}
)


def _scalar_keys(node: MappingNode) -> dict[str, Node]:
    return {k.value: v for k, v in node.value if type(k) is ScalarNode}


def _near_miss(node: MappingNode) -> bool:
    """A Service, Topic or Context that archlint would read but for its apiVersion (missing,
    or `archlint.io/v1` and the like): `metadata.context`, or spec keys only archlint has.
    A Kubernetes Service (`apiVersion: v1`, `spec.ports`, `selector`) has neither."""
    keys = _scalar_keys(node)
    kind = keys.get("kind")
    if type(kind) is not ScalarNode or kind.value not in ARCHLINT_KINDS:
        return False
    metadata, spec = keys.get("metadata"), keys.get("spec")
    if type(metadata) is MappingNode and "context" in _scalar_keys(metadata):
        return True
    return type(spec) is MappingNode and bool(ARCHLINT_SPEC_KEYS & set(_scalar_keys(spec)))


def _near_miss_problem(node: MappingNode) -> Problem:
    api = _scalar_keys(node).get("apiVersion")
    where: Node = node
    found = "it has no apiVersion"
    if type(api) is ScalarNode and api.tag != NULL:
        where, found = api, f"its apiVersion is '{api.value}'"
    line, column = mark_position(where)
    message = (
        f"this document looks like an archlint manifest, but {found}, so it would be skipped: "
        f"write 'apiVersion: {API_VERSION}' to have it read"
    )
    return Problem("AL002", message, line, column)


def _is_asyncapi_version(key: Node, value: Node) -> bool:
    """`asyncapi: 3.0.0`; not `asyncapi: {contexts: ...}`, as in archlint.yaml, say."""
    return type(key) is ScalarNode and key.value == "asyncapi" and type(value) is ScalarNode


def classify(node: Node) -> str:
    cls = type(node)
    if cls is MappingNode:
        if _is_manifest(node):
            return MANIFEST
        if any(_is_asyncapi_version(key, value) for key, value in node.value):
            return ASYNCAPI
        kind = _broker_kind(node)
        near_miss = kind == OTHER and isinstance(node, MappingNode) and _near_miss(node)
        return NEAR_MISS if near_miss else kind
    if cls is SequenceNode:
        return MISPLACED if any(_is_manifest(item) for item in node.value) else OTHER
    if cls is ScalarNode and API_VERSION in node.value and node.tag != NULL:
        return MISPLACED
    return OTHER


def skipped_documents(data: bytes) -> list[tuple[int, str]]:
    """The documents of a file that archlint reads past (some other tool's YAML: Kubernetes,
    CI workflows, ...), as (line, what it is), for `lint --show-files`."""
    nodes, _ = compose_documents(data)
    skipped = []
    for node in nodes:
        if classify(node) == OTHER and not _is_empty(node):
            skipped.append((mark_position(node)[0], _described(node)))
    return skipped


def _described(node: Node) -> str:
    if type(node) is not MappingNode:
        return "a list" if type(node) is SequenceNode else "plain text"
    keys = _scalar_keys(node)
    said = [
        f"{key} '{keys[key].value}'"
        for key in ("apiVersion", "kind")
        if type(keys.get(key)) is ScalarNode
    ]
    return ", ".join(said) if said else "a mapping without apiVersion"


def _is_empty(node: Node) -> bool:
    return type(node) is ScalarNode and node.tag == NULL


def _misplaced(node: Node, kind: str) -> Problem:
    """A list or single value where a manifest should be."""
    line, column = mark_position(node)
    shape = "a list" if type(node) is SequenceNode else "a single value"
    if kind != MISPLACED:  # stray content among manifests
        message = (
            f"this document is {shape}, but every document in a file of archlint manifests must be a "
            "manifest (a mapping: apiVersion, kind, metadata, spec); remove it or make it a manifest"
        )
    elif type(node) is SequenceNode:  # a list of manifests
        message = (
            "this document is a list, but a manifest is a mapping (apiVersion, kind, metadata, spec); "
            "write each manifest as its own document, separated by '---'"
        )
    else:  # `apiVersion archlint/v1` and the like: keys without their ': '
        message = (
            "this document is a single value, not a mapping (apiVersion, kind, metadata, spec); "
            "put ': ' after each key, as in 'kind: Service', and check the indentation"
        )
    return Problem("AL002", message, line, column)


# --- the file --------------------------------------------------------------------------------


def load_file(
    path: str,
    data: bytes,
    asyncapi_contexts: Mapping[str, str],
    read_file: ReadFile | None,
    manifests: bool = True,
    limits: Limits = LIMITS,
) -> FileLoad:
    """Every archlint manifest and AsyncAPI document in one file's bytes.

    With `manifests=False` (for `archlint import asyncapi`) only the AsyncAPI documents are
    read; manifests and stray content are skipped unreported. `limits`: what one file and
    one document may hold (AL006 past one).
    """
    result = FileLoad()
    nodes, stopped = compose_documents(data, max_documents=limits.documents_per_file)
    kinds = [classify(node) for node in nodes]
    has_manifests = manifests and MANIFEST in kinds
    for node, kind in zip(nodes, kinds, strict=True):
        if kind == ASYNCAPI:
            _load_asyncapi(node, path, data, asyncapi_contexts, read_file, result, limits)
        elif not manifests:
            continue
        elif kind == MANIFEST:
            _load_manifest(node, path, data, result, limits)
        elif kind in (STRIMZI, DAPR):
            _load_broker(node, kind, path, data, result, limits)
        elif kind == NEAR_MISS and type(node) is MappingNode:
            result.findings.append(_near_miss_problem(node).finding(path))
        elif kind == MISPLACED or (
            has_manifests and type(node) is not MappingNode and not _is_empty(node)
        ):
            result.findings.append(_misplaced(node, kind).finding(path))
    if stopped is not None:
        result.findings.append(stopped.finding(path))
    return result


def _load_asyncapi(
    node: Node,
    path: str,
    data: bytes,
    contexts: Mapping[str, str],
    read_file: ReadFile | None,
    result: FileLoad,
    limits: Limits,
) -> None:
    problems = node_problems(node, data, **limits.reader)
    result.findings.extend(p.finding(path) for p in problems)
    if any(p.code in ("AL001", LIMIT) for p in problems):
        return
    from archlint.asyncapi import load_asyncapi

    services, findings = load_asyncapi(node, path, contexts, read_file, limits)
    result.elements.extend((s, s.name_location or s.location) for s in services)
    result.findings.extend(findings)


def _load_broker(
    node: Node, kind: str, path: str, data: bytes, result: FileLoad, limits: Limits
) -> None:
    """A Strimzi or Dapr document, read by the YAML reader into values with positions."""
    document, problems = value_of(node, data, **limits.reader)
    result.findings.extend(p.finding(path) for p in problems)
    if isinstance(document, YMap):
        read = read_strimzi if kind == STRIMZI else read_dapr
        result.broker.append(read(document, path))


def _load_manifest(node: Node, path: str, data: bytes, result: FileLoad, limits: Limits) -> None:
    # the valid many in one walk; anything else the general way, which words the problems.
    # The limits' own walk is spared where no document the fast walk accepts can pass one.
    unchecked = limits_cannot_trip(data, **limits.reader)
    refused = None if unchecked else check_limits(node, data, **limits.reader)
    fast = None if refused is not None else fast_element(node, path)
    if fast is not None:
        result.elements.append(fast)
        return
    if unchecked:
        refused = check_limits(node, data, **limits.reader)
    if refused is not None:
        result.findings.append(refused.finding(path))
        return
    document, problems = to_value(node)
    result.findings.extend(p.finding(path) for p in problems)
    if not isinstance(document, YMap):
        return
    problems = validate(document)
    result.findings.extend(p.finding(path) for p in problems)
    element = build_document(document, path)
    if element is not None and problems and not isinstance(element, Context):
        element = replace(element, broken=broken_fields(document, problems))
    if element is not None:
        result.elements.append((element, element_name_location(document, element, path)))


def broken_fields(document: YMap, problems: Sequence[Problem]) -> tuple[str, ...]:
    """The spec fields that a schema problem lies in (from the field's key to its value's
    end), sorted: the loader leaves them out, and the engine quiets the rules reading them."""
    spec = document.get("spec")
    if not isinstance(spec, YMap):
        return ()
    # sorted once, then one bisection per field: a scan of every problem per field was
    # quadratic (20,000 unknown keys took 40 s)
    places = sorted((p.line - 1, p.column - 1) for p in problems)
    broken = set()
    for key, value in spec.node.value:
        start = (key.start_mark.line, key.start_mark.column)
        end = (value.end_mark.line, value.end_mark.column)
        first = bisect_left(places, start)
        if type(key) is ScalarNode and first < len(places) and places[first] < end:
            broken.add(key.value)
    return tuple(sorted(broken))


def element_name_location(document: YMap, element: Element, path: str) -> Location:
    metadata = document.get("metadata")
    if isinstance(metadata, YMap) and "name" in metadata:
        return node_location(metadata.value_node("name"), path)
    return element.location
