"""What the index is made of: the kinds of interaction, one Interaction, one topic's facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from archlint.model import Location, Name, Service, Topic

PRODUCES: Final = "produces"  # service -> topic: an event write
CONSUMES: Final = "consumes"  # topic -> service: a subscription
COMMAND: Final = "command"  # service -> service, synchronous (`commands` with `to`)
TOPIC_COMMAND: Final = "topic-command"  # service -> topic, asynchronous (`commands` with `topic`)
QUERY: Final = "query"  # service -> service, synchronous
VIEW_SOURCE: Final = "view-source"  # a topic a service's view is built from

Kind = Literal["produces", "consumes", "command", "topic-command", "query", "view-source"]
TOPIC_KINDS: frozenset[str] = frozenset({PRODUCES, CONSUMES, TOPIC_COMMAND, VIEW_SOURCE})
SYNCHRONOUS: frozenset[str] = frozenset({COMMAND, QUERY})


@dataclass(frozen=True, slots=True)
class Interaction:
    """One manifest entry that ties `service` to a topic or to another service.

    `target` is a topic name for the topic kinds, else the called service's name (declared
    or not). `events` are the event types of a produces or consumes entry as written (None:
    unspecified for a producer, every event for a consumer); `name` is the command's or
    query's name, or the view's. `crosses_context` says whether the other end lies in
    another bounded context: for a call, the target's context; for a topic, its owner's;
    None where that context is unknown (an undeclared service, a topic nobody owns).
    """

    kind: Kind
    service: Service
    target: str
    location: Location
    events: tuple[Name, ...] | None = None
    name: str = ""
    target_service: Service | None = None
    crosses_context: bool | None = None

    @property
    def synchronous(self) -> bool:
        return self.kind in SYNCHRONOUS

    @property
    def to_topic(self) -> bool:
        return self.kind in TOPIC_KINDS

    @property
    def event_names(self) -> tuple[str, ...] | None:
        return None if self.events is None else tuple(e.value for e in self.events)

    @property
    def names(self) -> tuple[str, ...]:
        """What flows: the event types, or the command's or query's name (() when unlisted)."""
        if self.kind in (PRODUCES, CONSUMES):
            return self.event_names or ()
        return (self.name,)

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, service, target): what a diagram draws as one edge."""
        return (self.kind, self.service.name, self.target)


@dataclass(frozen=True, slots=True)
class TopicFacts:
    """Everything the estate says about one topic, each list sorted or in estate order."""

    name: str
    document: Topic | None  # its Topic document, where it has one
    owners: tuple[str, ...]  # every service declared its owner, sorted; two or more: SW005
    produces: tuple[Interaction, ...]  # estate order
    consumes: tuple[Interaction, ...]
    commands: tuple[Interaction, ...]  # commands sent to the topic (never writes)
    view_sources: tuple[Interaction, ...]
    writers: tuple[str, ...]  # the services that produce on it, sorted
    readers: tuple[str, ...]  # the services that consume it, sorted
    command_senders: tuple[str, ...]  # the services that send commands to it, sorted
    listed_writers: frozenset[str]  # its Topic document's `writers`: a reviewed exception

    @property
    def owner(self) -> str | None:
        """The owner taken everywhere: the first declared, by name."""
        return self.owners[0] if self.owners else None
