"""Channel `routes`, ownership of a service's own messages, and the legacy format's edges."""

from __future__ import annotations

from archlint.eventcatalog.catalog import Catalog, Resource
from archlint.eventcatalog.edges import INFERRED_TOPIC, ROUTED, Edges, channel_topic
from archlint.eventcatalog.pointers import pointers
from archlint.eventcatalog.slugs import slug
from archlint.findings import Finding
from archlint.model import Location, Name


def follow_routes(catalog: Catalog, edges: Edges) -> None:
    """A channel that routes to another: the writers of the source write the routed channel
    too (transitively), with the routed channel's own `messages` where it lists them, else
    the source's events; each such write is at the `routes` entry."""
    routes: dict[str, list[tuple[str, Location, list[str] | None]]] = {}
    for channel in catalog.of_kind("channel"):
        source = channel_topic_of(channel)
        for pointer in pointers(channel.page, channel.data, "routes"):
            target = catalog.get("channel", pointer.id)
            topic = channel_topic(catalog, pointer, edges, channel)
            own = None
            if target is not None and isinstance(target.data.get("messages"), list):
                own = [p.id for p in pointers(target.page, target.data, "messages")]
            routes.setdefault(source, []).append((topic, pointer.location, own))
    if not routes:
        return
    pending = [
        (service, stream.topic, [n.value for n in stream.events or ()])
        for service, streams in sorted(edges.produces.items())
        for stream in streams
    ]
    done: set[tuple[str, str]] = {(service, topic) for service, topic, _ in pending}
    while pending:
        service, topic, events = pending.pop(0)
        for routed, where, own in routes.get(topic, ()):
            carried = own if own is not None else events
            if (service, routed) in done:
                continue
            done.add((service, routed))
            for event in carried:
                edges.produce(service, routed, event, where, ROUTED)
            pending.append((service, routed, carried))


def channel_topic_of(channel: Resource) -> str:
    address = channel.page.text("address")
    return address if address else channel.id


def owned_topics(catalog: Catalog, edges: Edges) -> dict[str, list[Name]]:
    """Service id -> the topics it owns: those on which only messages defined in its own
    folder (`services/S/events/E/`) are sent."""
    owns: dict[str, list[Name]] = {}
    for topic, messages in sorted(edges.sent_on.items()):
        owners = set()
        where = None
        for message_id in sorted(messages):
            message = catalog.message(message_id)
            holders = catalog.enclosing(message, "service")[:1] if message is not None else []
            owners.add(holders[0].id if holders else None)
            if message is not None and where is None:
                where = message.page.at(message.data, "id" if not message.legacy else "name")
        if len(owners) == 1 and None not in owners and where is not None:
            (owner,) = owners
            owns.setdefault(str(owner), []).append(Name(topic, where))
    return owns


def legacy_edges(catalog: Catalog, edges: Edges) -> None:
    """Legacy messages: `producers`/`consumers` name services by name (matched after
    slugging); the topic is inferred from the event's name."""
    by_slug = {slug(s.id): s.id for s in catalog.of_kind("service")}
    for kind in ("event", "command", "query"):
        for message in catalog.of_kind(kind):
            if not message.legacy:
                continue
            topic = f"event:{message.id}"
            for key in ("producers", "consumers"):
                names = message.data.get(key)
                if not isinstance(names, list):
                    continue
                for index, name in enumerate(names):
                    where = message.page.at(names, index)
                    service = by_slug.get(slug(str(name)))
                    if service is None:
                        edges.findings.append(_unknown(str(name), key, where))
                    elif key == "producers":
                        edges.produce(service, topic, message.id, where, INFERRED_TOPIC)
                    else:
                        edges.consume(service, topic, message.id, where, INFERRED_TOPIC)


def _unknown(name: str, key: str, where: Location) -> Finding:
    return Finding(
        "RF001",
        f"'{name}' in {key} is no service of the catalog (matched by name after slugging, "
        f"as '{slug(name)}'): fix the name or add the service",
        where,
        {"target": slug(name)},
    )
