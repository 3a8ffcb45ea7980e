"""AsyncAPI 2.x (2.0 to 2.6): operations live on channels, named from the other side.

The spec's well-known inversion: a channel's `subscribe` operation describes what others
may subscribe to, so the application sends (produces) it; `publish` describes what others
may publish to the application, so it receives (consumes) it. The channel's key is its
address; the Kafka binding's `topic`, where given, wins.
"""

from __future__ import annotations

from archlint.asyncapi import nodes
from archlint.asyncapi.exchanges import (
    OWNS,
    Exchange,
    Reading,
    anchor,
    kafka_topic,
    messages_at,
    read_owns,
    read_target,
    usable_topic,
)
from archlint.asyncapi.refs import RefResolver
from archlint.yaml_reader import Node

OPERATIONS = (("subscribe", "send"), ("publish", "receive"))


def read(root: Node, resolver: RefResolver) -> Reading:
    reading = Reading()
    for address, key_node, channel in nodes.entries(nodes.get(root, "channels")):
        where = resolver.location(key_node, "")
        found = resolver.deref(channel)
        if found is None:
            continue
        topic = usable_topic(kafka_topic(found, resolver) or address, where, reading)
        if topic is None:
            continue
        if nodes.get(found.node, OWNS) is not None:
            read_owns(found.node, found.source, topic, where, resolver, reading)
        for op_key, action in OPERATIONS:
            op_pair = nodes.pair(found.node, op_key)
            if op_pair is None:
                continue
            op_key_node, op_node = op_pair
            op_where = anchor(resolver, op_key_node, found.source, where)
            op = resolver.deref(op_node, found.source)
            if op is None:
                continue
            message = nodes.get(op.node, "message")
            messages = (
                []
                if message is None
                else messages_at(
                    message,
                    op.source,
                    anchor(resolver, message, op.source, op_where),
                    resolver,
                    reading,
                )
            )
            label = nodes.get_text(op.node, "operationId") or f"{op_key} {address}"
            reading.exchanges.append(
                Exchange(
                    action=action,
                    topic=topic,
                    messages=tuple(messages),
                    location=op_where,
                    label=label,
                    target=read_target(op.node, op.source, resolver, reading),
                )
            )
    return reading
