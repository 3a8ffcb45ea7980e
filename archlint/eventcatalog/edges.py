"""What each service sends and receives, as archlint streams and calls.

The current format says it on the services (`sends`/`receives`, with `to`/`from` channels);
the legacy one on the messages (`producers`/`consumers`). Where the catalog leaves a topic or
a target out, it is inferred, and `notes` says how at the place it was inferred from, so
that every finding there says so too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archlint.eventcatalog.catalog import INVALID, Catalog, Resource
from archlint.eventcatalog.domains import kind_folder
from archlint.eventcatalog.pointers import Pointer, check_version, pointers
from archlint.eventcatalog.slugs import shown, slug
from archlint.findings import Finding
from archlint.model import Call, CallKind, EventStream, Location, Name

INFERRED_TOPIC = "topic inferred from the event name: the catalog names no channel"
FROM_MESSAGE = "topic from the message's channels: the entry names none"
FROM_SENDERS = "topics inferred from where the event's senders send it: the entry names no channel"
ROUTED = "written through the channel's routes"


@dataclass
class Edges:
    """Per service id (catalog id): its streams and calls; plus findings and notes."""

    produces: dict[str, list[EventStream]] = field(default_factory=dict)
    consumes: dict[str, list[EventStream]] = field(default_factory=dict)
    commands: dict[str, list[Call]] = field(default_factory=dict)
    queries: dict[str, list[Call]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    notes: dict[Location, str] = field(default_factory=dict)
    sent_on: dict[str, set[str]] = field(default_factory=dict)  # topic -> message ids

    def produce(
        self, service: str, topic: str, event: str, where: Location, note: str | None
    ) -> None:
        stream = EventStream(topic, (Name(event, where),), where)
        self.produces.setdefault(service, []).append(stream)
        self.sent_on.setdefault(topic, set()).add(event)
        if note:
            self.notes.setdefault(where, note)

    def consume(
        self, service: str, topic: str, event: str | None, where: Location, note: str | None
    ) -> None:
        events = None if event is None else (Name(event, where),)
        self.consumes.setdefault(service, []).append(EventStream(topic, events, where))
        if note:
            self.notes.setdefault(where, note)


def channel_topic(catalog: Catalog, pointer: Pointer, edges: Edges, page_of: Resource) -> str:
    """A channel's topic: its `address` verbatim, else its id (a dangling one: AL002)."""
    channel = catalog.get("channel", pointer.id)
    if channel is None:
        edges.findings.append(_missing(pointer, "channel"))
        return pointer.id
    problem = check_version(page_of.page, pointer, channel)
    if problem is not None:
        edges.findings.append(problem)
    address = channel.page.text("address")
    return address if address else channel.id


def _channels(
    catalog: Catalog, owner: Resource, container: Mapping[str, Any], key: str, edges: Edges
) -> list[str]:
    return [channel_topic(catalog, p, edges, owner) for p in pointers(owner.page, container, key)]


def _missing(pointer: Pointer, kind: str) -> Finding:
    return Finding(
        INVALID,
        f"no {kind} '{pointer.id}' in the catalog: add its page under "
        f"{kind_folder(kind)}/{pointer.id}/, or fix the id",
        pointer.location,
    )


def _message(
    catalog: Catalog, service: Resource, pointer: Pointer, edges: Edges
) -> Resource | None:
    message = catalog.message(pointer.id)
    if message is None:
        edges.findings.append(
            Finding(
                INVALID,
                f"no event, command or query '{pointer.id}' in the catalog: add its page under "
                f"events/, commands/ or queries/, or fix the id",
                pointer.location,
            )
        )
        return None
    problem = check_version(service.page, pointer, message)
    if problem is not None:
        edges.findings.append(problem)
    return message


def read_sends(
    catalog: Catalog, services: list[Resource], edges: Edges
) -> list[tuple[str, Pointer, Resource]]:
    """Every `sends`: events as produces; commands with `to` as commands on topics. Returns
    the commands and queries without `to`, whose targets come from who receives them."""
    untargeted = []
    for service in services:
        for pointer in pointers(service.page, service.data, "sends"):
            message = _message(catalog, service, pointer, edges)
            if message is None:
                continue
            channels = _channels(catalog, service, pointer.item, "to", edges)
            if message.kind == "event":
                note = None
                if not channels:
                    channels = _channels(catalog, message, message.data, "channels", edges)
                    note = FROM_MESSAGE
                if not channels:
                    channels, note = [f"event:{message.id}"], INFERRED_TOPIC
                for topic in channels:
                    edges.produce(service.id, topic, message.id, pointer.location, note)
            elif message.kind == "command" and channels:
                for topic in channels:
                    call = Call("command", message.id, pointer.location, topic=topic)
                    edges.commands.setdefault(service.id, []).append(call)
                    edges.sent_on.setdefault(topic, set()).add(message.id)
            else:
                untargeted.append((service.id, pointer, message))
    return untargeted


def read_receives(catalog: Catalog, services: list[Resource], edges: Edges) -> dict[str, list[str]]:
    """Every `receives`: events as consumes (from `from`, the message's channels, else every
    topic its senders put it on, else `event:<id>`), commands `from` a channel as consumes
    of that topic. Returns message id -> the services that receive it."""
    senders_topics: dict[str, set[str]] = {}
    for topic, messages in edges.sent_on.items():
        for message_id in messages:
            senders_topics.setdefault(message_id, set()).add(topic)
    receivers: dict[str, list[str]] = {}
    for service in services:
        for pointer in pointers(service.page, service.data, "receives"):
            message = _message(catalog, service, pointer, edges)
            if message is None:
                continue
            receivers.setdefault(message.id, []).append(service.id)
            channels = _channels(catalog, service, pointer.item, "from", edges)
            note = None
            if not channels and message.kind == "event":
                channels = _channels(catalog, message, message.data, "channels", edges)
                note = FROM_MESSAGE
                if not channels:
                    channels = sorted(senders_topics.get(message.id, ()))
                    note = FROM_SENDERS
                if not channels:
                    channels, note = [f"event:{message.id}"], INFERRED_TOPIC
            event = message.id if message.kind == "event" else None
            for topic in channels:
                edges.consume(service.id, topic, event, pointer.location, note)
    return receivers


def target_calls(
    untargeted: list[tuple[str, Pointer, Resource]], receivers: dict[str, list[str]], edges: Edges
) -> None:
    """A command or query sent to no channel goes to the one service that receives it."""
    for sender, pointer, message in untargeted:
        kind: CallKind = "query" if message.kind == "query" else "command"
        targets = sorted(set(receivers.get(message.id, [])))
        if len(targets) > 1:
            names = ", ".join(shown(t) for t in targets)
            edges.findings.append(
                Finding(
                    INVALID,
                    f"{message.kind} '{message.id}' is received by several services ({names}): "
                    "name the one it is sent to with `to`, or keep one receiver",
                    pointer.location,
                )
            )
            continue
        if not targets:
            edges.findings.append(
                Finding(
                    "RF001",
                    f"no service receives {message.kind} '{message.id}', so it has no target: "
                    "add it to the receiving service's `receives`",
                    pointer.location,
                    {"service": slug(sender)},
                )
            )
            continue
        target = slug(targets[0])
        call = Call(kind, message.id, pointer.location, to=target)
        (edges.queries if kind == "query" else edges.commands).setdefault(sender, []).append(call)
        edges.notes.setdefault(
            pointer.location,
            f"target inferred: {shown(targets[0])} is the service that receives it",
        )
