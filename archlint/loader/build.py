"""Manifest values -> model elements (Service, Topic, Context), every element with its Location.

A document with schema problems (reported as AL002) is still built as far as it is valid:
an entry that is malformed is left out, the rest is kept, so one typo does not cascade into
findings elsewhere (a caller of a service whose manifest has a typo is not told the service
is unknown). A document without a usable name (or, for a Service, context) is left out.
"""

from __future__ import annotations

from typing import Any

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
from archlint.yaml_reader import MAP, MappingNode, YMap, YSeq, node_location

_EMPTY = YMap()  # what a missing or mistyped `metadata` or `spec` reads as
_EMPTY.node = MappingNode(MAP, [])
_EMPTY.bases = None


def build_document(doc: YMap, path: str) -> Service | Topic | Context | None:
    """The model element a valid-enough manifest describes, or None."""
    kind = doc.get("kind")
    builder = _BUILDERS.get(kind) if type(kind) is str else None
    return None if builder is None else builder(doc, path)


def _mapping(parent: YMap, key: str) -> YMap:
    value = parent.get(key)
    return value if type(value) is YMap else _EMPTY


def _text(mapping: YMap, key: str) -> str | None:
    value = mapping.get(key)
    return value if type(value) is str else None


def _percent(mapping: YMap, key: str) -> float | None:
    value = mapping.get(key)
    if type(value) is int or type(value) is float:  # not bool, which is an int too
        return float(value) if 0 <= value <= 100 else None
    return None


def _value_location(mapping: YMap, key: str, path: str) -> Location | None:
    return node_location(mapping.value_node(key), path) if key in mapping else None


def _names(value: Any, path: str) -> tuple[Name, ...]:
    """The text entries of a list, each with its place; anything else is left out."""
    if type(value) is not YSeq:
        return ()
    names = []
    nodes = value.node.value
    for index, item in enumerate(value):
        if type(item) is str and item:
            mark = nodes[index].start_mark
            names.append(Name(item, Location(path, mark.line + 1, mark.column + 1)))
    return tuple(names)


def _entries(value: Any, path: str) -> list[tuple[YMap, Location]]:
    """The mapping entries of a list, each with its place."""
    if type(value) is not YSeq:
        return []
    return [(item, node_location(item.node, path)) for item in value if type(item) is YMap]


def _streams(value: Any, path: str) -> tuple[EventStream, ...]:
    streams = []
    for entry, location in _entries(value, path):
        topic = entry.get("topic")
        if type(topic) is not str or not topic:
            continue
        events = entry.get("events")
        names = _names(events, path) if type(events) is YSeq else None
        streams.append(EventStream(topic=topic, events=names, location=location))
    return tuple(streams)


def _calls(value: Any, kind: CallKind, path: str) -> tuple[Call, ...]:
    calls = []
    for entry, location in _entries(value, path):
        name = _text(entry, "name")
        to = _text(entry, "to")
        topic = _text(entry, "topic") if kind == "command" else None
        if not name or (to is None) == (topic is None):  # exactly one of to / topic
            continue
        calls.append(Call(kind=kind, name=name, location=location, to=to, topic=topic))
    return tuple(calls)


def _views(value: Any, path: str) -> tuple[View, ...]:
    views = []
    for entry, location in _entries(value, path):
        name = _text(entry, "name")
        if name:
            views.append(
                View(name=name, sources=_names(entry.get("from"), path), location=location)
            )
    return tuple(views)


def _suppressions(value: Any, path: str) -> tuple[Suppression, ...]:
    if type(value) is not YMap:
        return ()
    return tuple(
        [
            Suppression(
                rule=rule, reason=reason.strip(), location=node_location(value.pair(rule)[0], path)
            )
            for rule, reason in value.items()
            if type(reason) is str and reason.strip()
        ]
    )


def build_service(doc: YMap, path: str) -> Service | None:
    meta = _mapping(doc, "metadata")
    spec = _mapping(doc, "spec")
    name, context = _text(meta, "name"), _text(meta, "context")
    if not name or not context:
        return None
    tags = meta.get("tags")
    availability, slo = _percent(spec, "availability"), _percent(spec, "slo")
    return Service(
        name=name,
        context=context,
        location=node_location(doc.node, path),
        path=path,
        owner=_text(meta, "owner"),
        description=_text(meta, "description"),
        tags=tuple([t for t in tags if type(t) is str]) if type(tags) is YSeq else (),
        is_global=spec.get("global") is True,
        availability=availability,
        slo=slo,
        owns=_names(spec.get("owns"), path),
        produces=_streams(spec.get("produces"), path),
        consumes=_streams(spec.get("consumes"), path),
        commands=_calls(spec.get("commands"), "command", path),
        queries=_calls(spec.get("queries"), "query", path),
        views=_views(spec.get("views"), path),
        ignore=_suppressions(spec.get("ignore"), path),
        name_location=_value_location(meta, "name", path),
        context_location=_value_location(meta, "context", path),
        availability_location=None
        if availability is None
        else _value_location(spec, "availability", path),
        slo_location=None if slo is None else _value_location(spec, "slo", path),
    )


def build_topic(doc: YMap, path: str) -> Topic | None:
    meta = _mapping(doc, "metadata")
    spec = _mapping(doc, "spec")
    name = _text(meta, "name")
    if not name:
        return None
    owner = _text(spec, "owner")
    writers = spec.get("writers")
    events = spec.get("events")
    return Topic(
        name=name,
        location=node_location(doc.node, path),
        path=path,
        description=_text(meta, "description"),
        owner=Name(owner, node_location(spec.value_node("owner"), path)) if owner else None,
        writers=_names(writers, path) if isinstance(writers, YSeq) else None,
        events=_names(events, path) if isinstance(events, YSeq) else None,
        schema=_text(spec, "schema"),
        name_location=_value_location(meta, "name", path),
    )


def build_context(doc: YMap, path: str) -> Context | None:
    meta = _mapping(doc, "metadata")
    name = _text(meta, "name")
    if not name:
        return None
    return Context(
        name=name,
        location=node_location(doc.node, path),
        path=path,
        description=_text(meta, "description"),
        owner=_text(meta, "owner"),
    )


_BUILDERS = {"Service": build_service, "Topic": build_topic, "Context": build_context}
