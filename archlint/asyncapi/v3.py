"""AsyncAPI 3.x (3.0, 3.1): `operations.*.action` send or receive, on the channel's address.

An operation's messages are its `messages` list, else every message of its channel. A
`reply` is read as the opposite exchange on the reply channel (a reply with only a runtime
`address.location` goes to a topic unknown until run time, and is left out).
"""

from __future__ import annotations

from archlint.asyncapi import nodes
from archlint.asyncapi.exchanges import (
    OWNS,
    Exchange,
    Message,
    Reading,
    anchor,
    kafka_topic,
    messages_at,
    read_owns,
    read_target,
    usable_topic,
)
from archlint.asyncapi.refs import RefResolver, Resolved
from archlint.model import Location
from archlint.yaml_reader import Node

ACTIONS = ("send", "receive")


def read(root: Node, resolver: RefResolver) -> Reading:
    reading = Reading()
    for key, key_node, channel in nodes.entries(nodes.get(root, "channels")):
        found = resolver.deref(channel)
        if found is not None and nodes.get(found.node, OWNS) is not None:
            where = resolver.location(key_node, "")  # only here: most channels claim nothing
            topic = _topic(found, resolver)
            if topic is None:
                reading.problem(
                    f"channel '{key}' claims its topic with {OWNS} but has "
                    "no address; set `address`",
                    where,
                )
            elif usable_topic(topic, where, reading) is not None:
                read_owns(found.node, found.source, topic, where, resolver, reading)
    for key, key_node, op in nodes.entries(nodes.get(root, "operations")):
        where = resolver.location(key_node, "")
        found = resolver.deref(op)
        if found is not None:
            exchange = _operation(key, found, where, resolver, reading)
            if exchange is not None:
                reading.exchanges.append(exchange)
    return reading


def _operation(
    key: str, op: Resolved, where: Location, resolver: RefResolver, reading: Reading
) -> Exchange | None:
    action = nodes.get_text(op.node, "action")
    if action not in ACTIONS:
        reading.problem(f"operation '{key}' needs `action: send` or `action: receive`", where)
        return None
    channel_node = nodes.get(op.node, "channel")
    if channel_node is None:
        reading.problem(
            f"operation '{key}' has no `channel`; refer to one with "
            "`channel: {$ref: '#/channels/NAME'}`",
            where,
        )
        return None
    channel = resolver.deref(channel_node, op.source)
    if channel is None:
        return None
    topic = _topic(channel, resolver)
    if topic is None:
        if nodes.key_node(channel.node, "address") is None:  # `address: null` is dynamic
            reading.problem(
                f"operation '{key}' is on a channel without an address, so archlint "
                "cannot match it with other documents; set the channel's `address` "
                "(or `bindings.kafka.topic`), or `address: null` for one only known "
                "at run time, which archlint leaves out",
                where,
            )
        return None
    if usable_topic(topic, where, reading) is None:
        return None
    messages = _messages(op, channel, where, resolver, reading)
    reply = _reply(key, op, action, where, resolver, reading)
    return Exchange(
        action=action,
        topic=topic,
        messages=tuple(messages),
        location=where,
        label=key,
        target=read_target(op.node, op.source, resolver, reading),
        reply=reply,
    )


def _topic(channel: Resolved, resolver: RefResolver) -> str | None:
    """The channel's topic: the Kafka binding's, else its address; None if unknown (null)."""
    return kafka_topic(channel, resolver) or nodes.get_text(channel.node, "address") or None


def _messages(
    op: Resolved, channel: Resolved, where: Location, resolver: RefResolver, reading: Reading
) -> list[Message]:
    listed = nodes.get(op.node, "messages")
    out: list[Message] = []
    if listed is not None:
        for item in nodes.items(listed):
            out.extend(
                messages_at(
                    item, op.source, anchor(resolver, item, op.source, where), resolver, reading
                )
            )
        return out
    for key, key_node, message in nodes.entries(nodes.get(channel.node, "messages")):
        out.extend(
            messages_at(
                message,
                channel.source,
                anchor(resolver, key_node, channel.source, where),
                resolver,
                reading,
                key,
            )
        )
    return out


def _reply(
    key: str, op: Resolved, action: str, where: Location, resolver: RefResolver, reading: Reading
) -> Exchange | None:
    reply = resolver.deref(nodes.get(op.node, "reply"), op.source)
    if reply is None:
        return None
    channel = resolver.deref(nodes.get(reply.node, "channel"), reply.source)
    if channel is None:
        return None
    topic = usable_topic(_topic(channel, resolver), where, reading)
    if topic is None:  # a reply to a runtime address (`reply.address.location`)
        return None
    messages = _messages(reply, channel, where, resolver, reading)
    return Exchange(
        action="receive" if action == "send" else "send",
        topic=topic,
        messages=tuple(messages),
        location=where,
        label=f"{key} reply",
    )
