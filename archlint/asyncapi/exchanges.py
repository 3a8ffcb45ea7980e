"""What both AsyncAPI versions are read into: the application's exchanges, one per operation.

An Exchange says the application sends or receives these messages on this topic. The
version modules (v2, v3) only say what the document declares; `service.py` decides what
that means in archlint's terms (produces, consumes, commands, queries, owns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archlint.asyncapi import nodes
from archlint.asyncapi.naming import NAME_RULE, is_name
from archlint.asyncapi.refs import INVALID, RefResolver, Resolved
from archlint.findings import Finding
from archlint.model import Location, Name
from archlint.yaml_reader import Node

KINDS = ("event", "command", "query")
_SPACE = re.compile(r"\s").search
MESSAGE_TYPE = "x-eventcatalog-message-type"  # EventCatalog's extension, honoured as is
TARGET = "x-archlint-target"  # the service a query (request/reply) is addressed to
OWNS = "x-archlint-owns"  # on a channel: this application is the single writer of its topic


@dataclass(frozen=True, slots=True)
class Message:
    name: str | None  # None when the document gives it no name, id nor key
    kind: str  # one of KINDS
    location: Location


@dataclass(frozen=True, slots=True)
class Exchange:
    action: str  # "send" or "receive", from the application's point of view
    topic: str
    messages: tuple[Message, ...]  # () when the document lists none
    location: Location  # the operation
    label: str  # the operation's id or key: names a call whose message has no name
    target: Name | None = None
    reply: Exchange | None = None


@dataclass
class Reading:
    """A document read: its exchanges, the topics it claims, and what stood in the way."""

    exchanges: list[Exchange] = field(default_factory=list)
    owns: list[Name] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def problem(self, message: str, where: Location) -> None:
        self.findings.append(Finding(code=INVALID, message=message, location=where))


def anchor(resolver: RefResolver, node: Node, source: str, fallback: Location) -> Location:
    """A node's place when it is in the document itself, else the in-document `fallback`
    (the `$ref` that led elsewhere), so that findings land in the service's own file."""
    return resolver.location(node, source) if not source else fallback


def messages_at(
    node: Node,
    source: str,
    where: Location,
    resolver: RefResolver,
    reading: Reading,
    key: str | None = None,
) -> list[Message]:
    """The message(s) at `node` (maybe a `$ref`); where the `$ref` is broken, one message
    without a name, so that the entry's events stay open rather than wrongly narrowed."""
    found = resolver.deref(node, source, key)
    if found is None:
        return [Message(name=None, kind="event", location=where)]
    return read_messages(found, where, resolver, reading)


def read_messages(
    found: Resolved, where: Location, resolver: RefResolver, reading: Reading
) -> list[Message]:
    """The message(s) a message object stands for: a 2.x `oneOf` is each of its messages."""
    keys = nodes.fields(found.node)
    one_of = keys.get("oneOf")
    if nodes.is_sequence(one_of):
        out: list[Message] = []
        for item in nodes.items(one_of):
            out.extend(
                messages_at(
                    item,
                    found.source,
                    anchor(resolver, item, found.source, where),
                    resolver,
                    reading,
                )
            )
        return out
    texts = (nodes.text(keys.get("name")), nodes.text(keys.get("messageId")), found.key)
    given = [n for n in texts if n]
    name = next((n for n in given if _usable(n)), None)
    if name is None and given:
        reading.problem(
            f"message '{given[0]}' has no name archlint can use (event names have no "
            "spaces): give it a `name` such as 'OrderPlaced'",
            where,
        )
    kind = _kind(keys.get(MESSAGE_TYPE), found.source, resolver, reading)
    return [Message(name=name, kind=kind, location=where)]


def _usable(name: str) -> bool:
    """A name as archlint/v1 spells event types, topics and calls: text without spaces."""
    return bool(name) and _SPACE(name) is None


def usable_topic(topic: str | None, where: Location, reading: Reading) -> str | None:
    """The topic, if archlint can name it (no spaces); else a finding and None."""
    if topic is not None and not _usable(topic):
        reading.problem(
            f"topic '{topic}' has spaces, which no broker topic archlint checks has; "
            "set the channel's address (or `bindings.kafka.topic`) without them",
            where,
        )
        return None
    return topic


def _kind(value: Node | None, source: str, resolver: RefResolver, reading: Reading) -> str:
    """The message's kind, from its `x-eventcatalog-message-type` (`value`) if it has one."""
    if value is None:
        return "event"
    kind = (nodes.text(value) or "").strip().lower()
    if kind not in KINDS:
        reading.problem(
            f"{MESSAGE_TYPE} must be one of {', '.join(KINDS)}, not '{nodes.text(value) or ''}'",
            resolver.location(value, source),
        )
        return "event"
    return kind


def read_target(op: Node, source: str, resolver: RefResolver, reading: Reading) -> Name | None:
    """An operation's `x-archlint-target`: the service its queries go to."""
    value = nodes.get(op, TARGET)
    if value is None:
        return None
    where = resolver.location(value, source)
    target = nodes.text(value)
    if target is None or not is_name(target):
        reading.problem(
            f"{TARGET} must name a service ({NAME_RULE}), not "
            f"'{target if target is not None else ''}'",
            where,
        )
        return None
    return Name(target, where)


def read_owns(
    channel: Node,
    source: str,
    topic: str,
    where: Location,
    resolver: RefResolver,
    reading: Reading,
) -> None:
    """A channel's `x-archlint-owns: true` claims its topic for this application."""
    value = nodes.get(channel, OWNS)
    if value is None:
        return
    flag = (nodes.text(value) or "").lower()
    if flag not in ("true", "false"):
        reading.problem(f"{OWNS} must be true or false", resolver.location(value, source))
    elif flag == "true":
        reading.owns.append(Name(topic, where))


def kafka_topic(channel: Resolved, resolver: RefResolver) -> str | None:
    """The Kafka binding's `topic`, where the channel names one: it wins over the address."""
    bindings = resolver.deref(nodes.get(channel.node, "bindings"), channel.source)
    if bindings is None:
        return None
    kafka = resolver.deref(nodes.get(bindings.node, "kafka"), bindings.source)
    if kafka is None:
        return None
    topic = nodes.get_text(kafka.node, "topic")
    return topic or None
