"""A valid manifest's node -> its model element, in one walk specialised to the three kinds.

The general way (archlint.loader.documents) reads a manifest's nodes into values (YMap,
YSeq), validates the values with the schema interpreter, then builds the element: three
walks, the first two general. Most manifests of an estate are valid, and for those only the
element matters. `fast_element` walks a Service, Topic or Context once, on the nodes, with
plain type tests and the schema's own patterns, and builds the element as it goes.

It answers only for documents it is sure of: the moment a node is not what a valid manifest
holds (a missing or unknown key, a repeated key, a merge key, a tag other than the plain
ones, a value the schema refuses), it gives up and returns None, and the caller takes the
general way, which words every problem and places it. A document that fails therefore
costs what it did before plus the part of this walk it took, and every finding stays
exactly the interpreter's. tests/test_fast_path.py checks both ways over every manifest of
the fixtures, the samples, generated estates and a set of broken manifests: same elements,
same findings.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from archlint.loader.schema_keywords import pattern_search
from archlint.model import (
    Call,
    CallKind,
    Context,
    EventStream,
    Location,
    Name,
    Service,
    Suppression,
    Topic,
    View,
)
from archlint.schema import manifest_schema
from archlint.yaml_reader import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    to_value,
)
from archlint.yaml_reader.aliases import may_have_aliases
from archlint.yaml_reader.problem import FLOAT, INT, STR

_DEFS = manifest_schema()["$defs"]
_SPEC = _DEFS["Service"]["properties"]["spec"]["properties"]
_SERVICE_NAME = pattern_search(_DEFS["serviceName"]["pattern"])
_CONTEXT_NAME = pattern_search(_DEFS["contextName"]["pattern"])
_TOPIC_NAME = pattern_search(_DEFS["topicName"]["pattern"])
_EVENT_NAME = pattern_search(_DEFS["eventName"]["pattern"])
_CALL_NAME = pattern_search(_DEFS["callName"]["pattern"])
_VIEW_NAME = pattern_search(_SPEC["views"]["items"]["properties"]["name"]["pattern"])
_REASON = pattern_search(_SPEC["ignore"]["additionalProperties"]["pattern"])
_ANY_TEXT = None

Test = Callable[[str], Any] | None  # a compiled pattern's search; None: any text

Element = Service | Topic | Context
_intern = sys.intern


# A manifest this walk accepts is at most 6 levels deep (document, spec, produces, entry,
# events, event); the reader's depth limit trips only past its value.
ACCEPTED_DEPTH = 6


def limits_cannot_trip(data: bytes, max_nodes: int, max_depth: int, max_string: int) -> bool:
    """Whether no document of the file `data` that `fast_element` accepts can pass one of the
    reader's limits (archlint.yaml_reader.check_limits), so that its walk may be spared.

    No anchor: no alias. No longer than `max_string` bytes: no longer value. Nodes: every
    scalar it accepts owns at least one byte of the file (content, quotes or tag), every
    sequence its `[` or `-`, an empty mapping its `{`, and a mapping with keys is outnumbered
    by its keys; so a document it accepts holds at most 2 nodes per byte of the file.
    """
    return (
        not may_have_aliases(data)
        and len(data) <= max_string
        and 2 * len(data) <= max_nodes
        and max_depth > ACCEPTED_DEPTH
    )


class _Unsure(Exception):
    """The document is not surely valid: the general way must read it."""


def fast_element(node: Node, path: str) -> tuple[Element, Location] | None:
    """The element a valid manifest describes and where its name is, or None where the
    general way must decide."""
    try:
        top = _pairs(node, _TOP_KEYS)
        if _text(top.get("apiVersion"), _ANY_TEXT) != "archlint/v1":
            return None
        builder = _BUILDERS.get(_text(top.get("kind"), _ANY_TEXT))
        return None if builder is None else builder(node, top, path)
    except _Unsure:
        return None


_TOP_KEYS = frozenset({"apiVersion", "kind", "metadata", "spec"})


def _pairs(node: Any, allowed: frozenset[str]) -> dict[str, Node]:
    """A mapping's value nodes by key: plain keys, each given once, all `allowed`."""
    if type(node) is not MappingNode:
        raise _Unsure
    pairs = {}
    for key, value in node.value:
        if type(key) is not ScalarNode or key.value not in allowed:
            raise _Unsure
        pairs[key.value] = value
    if len(pairs) != len(node.value):  # a repeated key: AL003
        raise _Unsure
    return pairs


def _text(node: Any, test: Test) -> str:
    if type(node) is not ScalarNode or node.tag != STR or (test and test(node.value) is None):
        raise _Unsure
    return _intern(node.value)  # as the general way does: one copy of each name


def _optional_text(pairs: dict[str, Node], key: str) -> str | None:
    return _text(pairs[key], _ANY_TEXT) if key in pairs else None


def _at(node: Node, path: str) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def _names(node: Any, test: Test, path: str, non_empty: bool = False) -> tuple[Name, ...]:
    """A list of distinct texts, each passing `test`, with their places."""
    if type(node) is not SequenceNode or (non_empty and not node.value):
        raise _Unsure
    names = []
    for item in node.value:  # _text and _at inline: most of a manifest is names
        if type(item) is not ScalarNode or item.tag != STR:
            raise _Unsure
        value = item.value
        if test and test(value) is None:
            raise _Unsure
        mark = item.start_mark
        names.append(Name(_intern(value), Location(path, mark.line + 1, mark.column + 1)))
    if len({name.value for name in names}) != len(names):  # uniqueItems
        raise _Unsure
    return tuple(names)


def _percent(node: Any) -> float:
    if type(node) is not ScalarNode or node.tag not in (INT, FLOAT):
        raise _Unsure
    value, _ = to_value(node)  # the general way's own reading of 1_000, .5, 0x1f
    if (type(value) is not int and type(value) is not float) or not 0 <= value <= 100:
        raise _Unsure
    return float(value)


def _flag(node: Any) -> bool:
    value, _ = to_value(node) if type(node) is ScalarNode else (None, None)
    if type(value) is not bool:
        raise _Unsure
    return value


_SERVICE_META = frozenset({"name", "context", "owner", "description", "tags"})
_SERVICE_SPEC = frozenset(_SPEC)
_STREAM_KEYS = frozenset({"topic", "events"})
_CALL_KEYS = frozenset({"to", "topic", "name"})
_VIEW_KEYS = frozenset({"name", "from"})


def _service(node: Node, top: dict[str, Node], path: str) -> tuple[Service, Location]:
    meta = _pairs(top.get("metadata"), _SERVICE_META)
    name_node, context_node = meta.get("name"), meta.get("context")
    spec = _pairs(top["spec"], _SERVICE_SPEC) if "spec" in top else {}
    availability = _percent(spec["availability"]) if "availability" in spec else None
    slo = _percent(spec["slo"]) if "slo" in spec else None
    name, context = _text(name_node, _SERVICE_NAME), _text(context_node, _CONTEXT_NAME)
    name_location = _at(name_node, path)  # type: ignore[arg-type]  # _text checked it
    service = Service(
        name=name,
        context=context,
        location=_at(node, path),
        path=path,
        owner=_optional_text(meta, "owner"),
        description=_optional_text(meta, "description"),
        tags=_tags(meta["tags"]) if "tags" in meta else (),
        is_global=_flag(spec["global"]) if "global" in spec else False,
        availability=availability,
        slo=slo,
        owns=_names(spec["owns"], _TOPIC_NAME, path) if "owns" in spec else (),
        produces=_streams(spec.get("produces"), path),
        consumes=_streams(spec.get("consumes"), path),
        commands=_calls(spec.get("commands"), "command", path),
        queries=_calls(spec.get("queries"), "query", path),
        views=_views(spec.get("views"), path),
        ignore=_suppressions(spec["ignore"], path) if "ignore" in spec else (),
        name_location=name_location,
        context_location=_at(context_node, path),  # type: ignore[arg-type]
        availability_location=None if availability is None else _at(spec["availability"], path),
        slo_location=None if slo is None else _at(spec["slo"], path),
    )
    return service, name_location


def _tags(node: Any) -> tuple[str, ...]:
    if type(node) is not SequenceNode:
        raise _Unsure
    tags = tuple([_text(item, _ANY_TEXT) for item in node.value])
    if len(set(tags)) != len(tags):
        raise _Unsure
    return tags


def _items(node: Any) -> list[Node]:
    """A list's items (none for a key not given)."""
    if node is None:
        return []
    if type(node) is not SequenceNode:
        raise _Unsure
    items: list[Node] = node.value
    return items


def _streams(node: Any, path: str) -> tuple[EventStream, ...]:
    streams = []
    for item in _items(node):
        entry = _pairs(item, _STREAM_KEYS)
        events = entry.get("events")
        streams.append(
            EventStream(
                topic=_text(entry.get("topic"), _TOPIC_NAME),
                events=None if events is None else _names(events, _EVENT_NAME, path, True),
                location=_at(item, path),
            )
        )
    return tuple(streams)


def _calls(node: Any, kind: CallKind, path: str) -> tuple[Call, ...]:
    """{to: service, name: call}, or for a command also {topic: topic, name: call}."""
    calls = []
    for item in _items(node):
        entry = _pairs(item, _CALL_KEYS)
        if len(entry) != 2 or "name" not in entry or ("topic" in entry and kind != "command"):
            raise _Unsure
        to, topic = entry.get("to"), entry.get("topic")
        calls.append(
            Call(
                kind=kind,
                name=_text(entry["name"], _CALL_NAME),
                location=_at(item, path),
                to=None if to is None else _text(to, _SERVICE_NAME),
                topic=None if topic is None else _text(topic, _TOPIC_NAME),
            )
        )
    return tuple(calls)


def _views(node: Any, path: str) -> tuple[View, ...]:
    views = []
    for item in _items(node):
        entry = _pairs(item, _VIEW_KEYS)
        if len(entry) != 2:
            raise _Unsure
        views.append(
            View(
                name=_text(entry["name"], _VIEW_NAME),
                sources=_names(entry["from"], _TOPIC_NAME, path, non_empty=True),
                location=_at(item, path),
            )
        )
    return tuple(views)


def _suppressions(node: Any, path: str) -> tuple[Suppression, ...]:
    if type(node) is not MappingNode:
        raise _Unsure
    suppressions = []
    for key, value in node.value:
        if type(key) is not ScalarNode or key.value == "<<":
            raise _Unsure
        reason = _text(value, _REASON)
        suppressions.append(
            Suppression(rule=key.value, reason=reason.strip(), location=_at(key, path))
        )
    if len({s.rule for s in suppressions}) != len(suppressions):
        raise _Unsure
    return tuple(suppressions)


_TOPIC_META = frozenset({"name", "description"})
_TOPIC_SPEC = frozenset({"owner", "writers", "events", "schema"})


def _topic(node: Node, top: dict[str, Node], path: str) -> tuple[Topic, Location]:
    meta = _pairs(top.get("metadata"), _TOPIC_META)
    spec = _pairs(top["spec"], _TOPIC_SPEC) if "spec" in top else {}
    name_node, owner = meta.get("name"), spec.get("owner")
    writers, events = spec.get("writers"), spec.get("events")
    name = _text(name_node, _TOPIC_NAME)
    name_location = _at(name_node, path)  # type: ignore[arg-type]  # _text checked it
    topic = Topic(
        name=name,
        location=_at(node, path),
        path=path,
        description=_optional_text(meta, "description"),
        owner=None if owner is None else Name(_text(owner, _SERVICE_NAME), _at(owner, path)),
        writers=None if writers is None else _names(writers, _SERVICE_NAME, path),
        events=None if events is None else _names(events, _EVENT_NAME, path, non_empty=True),
        schema=_optional_text(spec, "schema"),
        name_location=name_location,
    )
    return topic, name_location


_CONTEXT_META = frozenset({"name", "description", "owner"})


def _context(node: Node, top: dict[str, Node], path: str) -> tuple[Context, Location]:
    if "spec" in top:
        raise _Unsure
    meta = _pairs(top.get("metadata"), _CONTEXT_META)
    name_node = meta.get("name")
    context = Context(
        name=_text(name_node, _CONTEXT_NAME),
        location=_at(node, path),
        path=path,
        description=_optional_text(meta, "description"),
        owner=_optional_text(meta, "owner"),
    )
    return context, _at(name_node, path)  # type: ignore[arg-type]  # _text checked it


_BUILDERS: dict[str, Callable[[Node, dict[str, Node], str], tuple[Element, Location]]] = {
    "Service": _service,
    "Topic": _topic,
    "Context": _context,
}
