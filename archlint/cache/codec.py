"""The estate's elements and findings as plain tuples, for marshal, and back.

One pair of functions per model class, each field at its place: a Location is
(path, line, column), a Name (value, location), and so on up to the Estate. Written out
by hand rather than derived from the dataclass fields, because a replayed run decodes
half a million objects and a generic walk over the fields costs three times as much.
tests/test_cache_codec.py checks that every field of every class survives the round trip,
so a field added to the model and forgotten here fails there.

Decoding a value that is not what `encode` wrote raises CorruptEntry, never builds a
wrong model: the shape is checked by unpacking (a wrong arity or type raises).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from archlint.engine import Checked
from archlint.findings import Finding
from archlint.model import (
    Broker,
    Call,
    Context,
    Estate,
    EventStream,
    Grant,
    Location,
    Name,
    Provision,
    Service,
    Suppression,
    Topic,
    View,
)


class CorruptEntry(ValueError):
    """A stored value that is not what archlint writes: the entry is ignored."""


Row = tuple[Any, ...]

# A Location is made without its generated __init__ (which sets each field through
# object.__setattr__ by name): the slots' own setters, half the cost, for the commonest object.
_new = object.__new__
_set_path = vars(Location)["path"].__set__
_set_line = vars(Location)["line"].__set__
_set_column = vars(Location)["column"].__set__


def decode_location(row: Row) -> Location:
    """The Location stored as (path, line, column)."""
    path, line, column = row
    if type(path) is not str or type(line) is not int or type(column) is not int:
        raise CorruptEntry("not a stored location")
    made = _new(Location)
    _set_path(made, path)
    _set_line(made, line)
    _set_column(made, column)
    return made


def _maybe_location(row: Row | None) -> Location | None:
    return None if row is None else decode_location(row)


def encode_location(where: Location | None) -> Row | None:
    """A Location (or None) as stored."""
    return None if where is None else (where.path, where.line, where.column)


def _names(rows: Row) -> tuple[Name, ...]:
    return tuple([Name(value, decode_location(where)) for value, where in rows])


def _maybe_names(rows: Row | None) -> tuple[Name, ...] | None:
    return None if rows is None else _names(rows)


def _name_rows(names: tuple[Name, ...] | None) -> Row | None:
    return None if names is None else tuple([(n.value, encode_location(n.location)) for n in names])


def _stream_rows(streams: tuple[EventStream, ...]) -> Row:
    return tuple([(s.topic, _name_rows(s.events), encode_location(s.location)) for s in streams])


def _streams(rows: Row) -> tuple[EventStream, ...]:
    return tuple(
        [
            EventStream(topic, _maybe_names(events), decode_location(at))
            for topic, events, at in rows
        ]
    )


def _call_rows(calls: tuple[Call, ...]) -> Row:
    return tuple([(c.kind, c.name, encode_location(c.location), c.to, c.topic) for c in calls])


def _calls(rows: Row) -> tuple[Call, ...]:
    return tuple(
        [Call(kind, name, decode_location(at), to, topic) for kind, name, at, to, topic in rows]
    )


def encode_service(s: Service) -> Row:
    return (
        s.name, s.context, encode_location(s.location), s.path, s.owner, s.description, s.tags,
        s.is_global, s.availability, s.slo, _name_rows(s.owns), _stream_rows(s.produces),
        _stream_rows(s.consumes), _call_rows(s.commands), _call_rows(s.queries),
        tuple([(v.name, _name_rows(v.sources), encode_location(v.location)) for v in s.views]),
        tuple([(i.rule, i.reason, encode_location(i.location)) for i in s.ignore]),
        encode_location(s.name_location), encode_location(s.context_location), encode_location(s.availability_location),
        encode_location(s.slo_location), s.title, s.broken,
    )  # fmt: skip


def decode_service(row: Row) -> Service:
    (
        name, context, location, path, owner, description, tags, is_global, availability,
        slo, owns, produces, consumes, commands, queries, views, ignore, name_location,
        context_location, availability_location, slo_location, title, broken,
    ) = row  # fmt: skip
    return Service(
        name, context, decode_location(location), path, owner, description, tags, is_global,
        availability, slo, _names(owns), _streams(produces), _streams(consumes),
        _calls(commands), _calls(queries),
        tuple([View(n, _names(sources), decode_location(at)) for n, sources, at in views]),
        tuple([Suppression(rule, reason, decode_location(at)) for rule, reason, at in ignore]),
        _maybe_location(name_location), _maybe_location(context_location),
        _maybe_location(availability_location), _maybe_location(slo_location), title, broken,
    )  # fmt: skip


def encode_topic(t: Topic) -> Row:
    owner = None if t.owner is None else (t.owner.value, encode_location(t.owner.location))
    return (
        t.name, encode_location(t.location), t.path, t.description, owner, _name_rows(t.writers),
        _name_rows(t.events), t.schema, encode_location(t.name_location), t.broken,
    )  # fmt: skip


def decode_topic(row: Row) -> Topic:
    name, location, path, description, owner, writers, events, schema, at, broken = row
    return Topic(
        name, decode_location(location), path, description,
        None if owner is None else Name(owner[0], decode_location(owner[1])),
        _maybe_names(writers), _maybe_names(events), schema, _maybe_location(at), broken,
    )  # fmt: skip


def encode_context(c: Context) -> Row:
    return (c.name, encode_location(c.location), c.path, c.description, c.owner)


def decode_context(row: Row) -> Context:
    name, location, path, description, owner = row
    return Context(name, decode_location(location), path, description, owner)


_ELEMENTS = {Service: (0, encode_service), Topic: (1, encode_topic), Context: (2, encode_context)}
_DECODERS = (decode_service, decode_topic, decode_context)


def encode_element(element: Service | Topic | Context) -> Row:
    """A service, Topic or Context, tagged with its kind."""
    tag, encoder = _ELEMENTS[type(element)]
    return (tag, encoder(element))  # type: ignore[operator]


def decode_element(row: Row) -> Service | Topic | Context:
    tag, fields = row
    return _DECODERS[tag](fields)


def encode_finding(f: Finding) -> Row:
    return (f.code, f.message, encode_location(f.location), dict(f.entities), f.slug, f.severity)


def decode_finding(row: Row) -> Finding:
    code, message, location, entities, slug, severity = row
    if type(entities) is not dict:
        raise CorruptEntry("not stored entities")
    return Finding(code, message, _maybe_location(location), entities, slug, severity)


def _encode_broker(b: Broker | None) -> Row | None:
    if b is None:
        return None
    grants = tuple(
        (g.principal, g.pattern, g.pattern_type, g.operations, encode_location(g.location), g.allow,
         g.service, g.broad, g.except_for)
        for g in b.grants
    )  # fmt: skip
    provisions = tuple((p.topic, encode_location(p.location)) for p in b.provisions)
    return (grants, provisions, dict(b.principals), b.super_users)


def _decode_broker(row: Row | None) -> Broker | None:
    if row is None:
        return None
    grants, provisions, principals, super_users = row
    return Broker(
        tuple(
            Grant(who, pattern, kind, ops, decode_location(at), allow, service, broad, but)
            for who, pattern, kind, ops, at, allow, service, broad, but in grants
        ),
        tuple(Provision(topic, decode_location(at)) for topic, at in provisions),
        MappingProxyType(dict(principals)),
        frozenset(super_users),
    )


def encode_estate(e: Estate, memo: dict[int, Row] | None = None) -> Row:
    """The estate; `memo` holds rows of elements already encoded (by id), not encoded again."""
    known = memo or {}

    def element(item: Service | Topic | Context) -> Row:
        found = known.get(id(item))
        return found[1] if found is not None else encode_element(item)[1]

    return (
        tuple([element(s) for s in e.services]),
        tuple([element(t) for t in e.topics]),
        tuple([element(c) for c in e.contexts]),
        e.files, e.paths, _encode_broker(e.broker), e.sources,
    )  # fmt: skip


def decode_estate(row: Row, memo: dict[int, Row] | None = None) -> Estate:
    """The estate; with `memo`, each element's row kept in it by the element's id (for
    `encode_estate` to store the elements again without encoding them again)."""
    services, topics, contexts, files, paths, broker, sources = row
    decoded_services = tuple([decode_service(s) for s in services])
    decoded_topics = tuple([decode_topic(t) for t in topics])
    decoded_contexts = tuple([decode_context(c) for c in contexts])
    if memo is not None:
        for tag, elements, rows in (
            (0, decoded_services, services),
            (1, decoded_topics, topics),
            (2, decoded_contexts, contexts),
        ):
            for element, element_row in zip(elements, rows, strict=True):
                memo[id(element)] = (tag, element_row)
    return Estate(
        decoded_services, decoded_topics, decoded_contexts,
        files, paths, _decode_broker(broker), sources,
    )  # fmt: skip


def encode_checked(checked: Checked) -> Row:
    """What a run's rules found before suppressions (archlint.engine.Checked)."""
    return (
        tuple([encode_finding(f) for f in checked.loaded]),
        {
            code: tuple([encode_finding(f) for f in found])
            for code, found in checked.by_rule.items()
        },
    )


def decode_checked(row: Row) -> Checked:
    loaded, by_rule = row
    if type(by_rule) is not dict:
        raise CorruptEntry("not stored findings by rule")
    return Checked(
        tuple([decode_finding(f) for f in loaded]),
        {str(code): tuple([decode_finding(f) for f in found]) for code, found in by_rule.items()},
    )


def decoded(decoder: Any, row: Any) -> Any:
    """decoder(row), with any sign that `row` is not what archlint wrote as CorruptEntry."""
    try:
        return decoder(row)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError) as error:
        raise CorruptEntry(str(error)) from None
