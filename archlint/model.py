"""The estate: an immutable model of every service, topic and context.

The model knows nothing of YAML, files or output. Loaders build it; the graph, the checks,
the formatters and the report read it. Every element keeps the place it was declared, so
every finding can point there.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Final, Literal, TypeVar


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file: 1-based line and column; path as the user should see it."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Name:
    """A name written somewhere: an event type, a topic in `owns`, a view source..."""

    value: str
    location: Location


@dataclass(frozen=True, slots=True)
class EventStream:
    """One `produces` or `consumes` entry: a topic and, optionally, the event types on it.

    `events` is None when the manifest does not list them: for a producer that means
    unspecified, for a consumer every event on the topic.
    """

    topic: str
    events: tuple[Name, ...] | None
    location: Location

    @property
    def event_names(self) -> tuple[str, ...] | None:
        return None if self.events is None else tuple(e.value for e in self.events)


CallKind = Literal["command", "query"]


@dataclass(frozen=True, slots=True)
class Call:
    """A `commands` or `queries` entry.

    A call with `to` is synchronous (HTTP, gRPC, ...), to a service. A command with `topic`
    is asynchronous: a request on a topic to that topic's owner, never a write of it.
    """

    kind: CallKind
    name: str
    location: Location
    to: str | None = None
    topic: str | None = None

    @property
    def synchronous(self) -> bool:
        return self.to is not None


@dataclass(frozen=True, slots=True)
class View:
    """A local view a service builds from events (event-carried state transfer)."""

    name: str
    sources: tuple[Name, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Suppression:
    """An `ignore` entry: silences one rule's findings in its service's manifest."""

    rule: str
    reason: str
    location: Location


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    context: str
    location: Location  # where the document starts
    path: str  # the manifest that declares it (as in Location.path)
    owner: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    is_global: bool = False
    availability: float | None = None  # percent
    slo: float | None = None  # percent
    owns: tuple[Name, ...] = ()
    produces: tuple[EventStream, ...] = ()
    consumes: tuple[EventStream, ...] = ()
    commands: tuple[Call, ...] = ()
    queries: tuple[Call, ...] = ()
    views: tuple[View, ...] = ()
    ignore: tuple[Suppression, ...] = ()
    name_location: Location | None = None  # metadata.name
    context_location: Location | None = None  # metadata.context
    availability_location: Location | None = None
    slo_location: Location | None = None
    # the input's own id where the name is a slug of it (EventCatalog's `Orders Service`)
    title: str | None = None
    # spec fields that failed the schema (AL002), left out: rules that read them stay quiet
    broken: tuple[str, ...] = ()

    @property
    def calls(self) -> tuple[Call, ...]:
        """Commands then queries, in manifest order."""
        return self.commands + self.queries

    @property
    def topic_names(self) -> set[str]:
        """Every topic the manifest names: owned, written, read, commanded, viewed."""
        named = {n.value for n in self.owns}
        named.update(s.topic for s in (*self.produces, *self.consumes))
        named.update(c.topic for c in self.commands if c.topic is not None)
        named.update(source.value for view in self.views for source in view.sources)
        return named


@dataclass(frozen=True, slots=True)
class Topic:
    """A Topic document: metadata and reviewed exceptions for one topic."""

    name: str
    location: Location
    path: str
    description: str | None = None
    owner: Name | None = None
    writers: tuple[Name, ...] | None = None
    events: tuple[Name, ...] | None = None
    schema: str | None = None
    name_location: Location | None = None
    broken: tuple[str, ...] = ()  # as Service.broken


@dataclass(frozen=True, slots=True)
class Context:
    """A Context document: describes one bounded context."""

    name: str
    location: Location
    path: str
    description: str | None = None
    owner: str | None = None


# -- the broker's configuration ----------------------------------------------------------------
# What the broker allows, as the estate carries it: who may do what to which topics, and
# which topics it provisions. A Strimzi `KafkaUser` ACL, a `kafka-acls` line, a Terraform
# resource and a Dapr pub/sub scope are all a `Grant`; the readers are in the shell
# (archlint.broker.readers), the index the BR rules read in archlint.broker.index.

LITERAL: Final = "literal"  # one topic, by name
PREFIX: Final = "prefix"  # every topic whose name starts with the pattern
ANY: Final = "any"  # every topic (`name: "*"`)

PatternType = Literal["literal", "prefix", "any"]
WRITE_OPERATIONS: frozenset[str] = frozenset({"WRITE", "ALL"})


@dataclass(frozen=True, slots=True)
class Grant:
    """One ACL entry on a topic resource: `principal` may (or, denied, may not) perform
    `operations` on the topics `pattern` names.

    `principal` is as written: a KafkaUser's name, a `kafka-acls` or Terraform principal
    string, a Dapr app id. `service` is the service an `archlint.io/service` label or
    annotation names. `broad` marks a grant that is literal in form but given to a whole
    set of topics at once (a Dapr app with no `publishingScopes` entry, allowed the
    component's `allowedTopics`): a wildcard for the rules.
    """

    principal: str
    pattern: str
    pattern_type: PatternType
    operations: frozenset[str]
    location: Location
    allow: bool = True
    service: str | None = None
    broad: bool = False
    except_for: frozenset[str] = frozenset()  # for a grant to every principal (`*`): not these

    @property
    def writes(self) -> bool:
        return bool(self.operations & WRITE_OPERATIONS)

    @property
    def wildcard(self) -> bool:
        return self.broad or self.pattern_type != LITERAL

    def matches(self, topic: str) -> bool:
        if self.pattern_type == ANY:
            return True
        if self.pattern_type == PREFIX:
            return topic.startswith(self.pattern)
        return topic == self.pattern

    def covers(self, other: Grant) -> bool:
        """Whether every topic `other` names is one this grant names too."""
        if self.pattern_type == ANY:
            return True
        if other.pattern_type == ANY:
            return False
        if self.pattern_type == PREFIX:
            return other.pattern.startswith(self.pattern)
        return other.pattern_type == LITERAL and other.pattern == self.pattern


@dataclass(frozen=True, slots=True)
class Provision:
    """A topic the broker configuration declares (a `KafkaTopic`, a Terraform topic, an
    entry of a Dapr component's `allowedTopics`)."""

    topic: str
    location: Location


def _frozen(table: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(table))


@dataclass(frozen=True)
class Broker:
    """Every grant and provisioned topic found under the paths, in file order, and the
    configuration's word on principals: `principals` (principal -> service) and
    `super_users`, whose grants the rules ignore."""

    grants: tuple[Grant, ...] = ()
    provisions: tuple[Provision, ...] = ()
    principals: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    super_users: frozenset[str] = frozenset()


_Named = TypeVar("_Named", "Service", "Topic", "Context")


def _index(items: Iterable[_Named]) -> Mapping[str, _Named]:
    return MappingProxyType({item.name: item for item in items})


@dataclass(frozen=True)
class Estate:
    """Every service, Topic and Context document of the estate, each sorted by name.

    Names are unique: where two documents of one kind share a name the loader keeps the
    first and reports the other (AL004). `files` counts the files read.
    """

    services: tuple[Service, ...] = ()
    topics: tuple[Topic, ...] = ()
    contexts: tuple[Context, ...] = ()
    files: int = 0
    paths: tuple[str, ...] = field(default=())  # every file read, sorted
    broker: Broker | None = None  # None: no broker configuration under the paths
    # (input, services it described), sorted, where the estate mixes inputs: manifests,
    # AsyncAPI, EventCatalog, Backstage
    sources: tuple[tuple[str, int], ...] = ()

    @staticmethod
    def build(
        services: Iterable[Service] = (),
        topics: Iterable[Topic] = (),
        contexts: Iterable[Context] = (),
        files: int | None = None,
        paths: Iterable[str] = (),
        broker: Broker | None = None,
        sources: Mapping[str, int] | None = None,
    ) -> Estate:
        """An estate with its elements sorted, whatever order they were loaded in."""
        paths = tuple(sorted(set(paths)))
        return Estate(
            services=tuple(sorted(services, key=lambda s: s.name)),
            topics=tuple(sorted(topics, key=lambda t: t.name)),
            contexts=tuple(sorted(contexts, key=lambda c: c.name)),
            files=len(paths) if files is None else files,
            paths=paths,
            broker=broker,
            sources=tuple(sorted((sources or {}).items())),
        )

    @cached_property
    def service(self) -> Mapping[str, Service]:
        """Services by name."""
        return _index(self.services)

    @cached_property
    def topic(self) -> Mapping[str, Topic]:
        """Topic documents by name (a topic that is only used has none)."""
        return _index(self.topics)

    @cached_property
    def context(self) -> Mapping[str, Context]:
        """Context documents by name."""
        return _index(self.contexts)

    @cached_property
    def context_names(self) -> tuple[str, ...]:
        """Every bounded context named by a service or a Context document, sorted."""
        return tuple(sorted({s.context for s in self.services} | {c.name for c in self.contexts}))

    @cached_property
    def _documents(self) -> Mapping[str, tuple[list[int], list[Service | Topic | Context]]]:
        by_path: dict[str, list[tuple[int, Service | Topic | Context]]] = {}
        items: tuple[Service | Topic | Context, ...] = (
            *self.services,
            *self.topics,
            *self.contexts,
        )
        for item in items:
            by_path.setdefault(item.path, []).append((item.location.line, item))
        index = {}
        for path, starts in by_path.items():
            starts.sort(key=lambda pair: pair[0])
            index[path] = ([line for line, _ in starts], [item for _, item in starts])
        return MappingProxyType(index)

    def document_at(self, location: Location | None) -> Service | Topic | Context | None:
        """The document a location lies in: from its first line up to the next document of
        the same file (a file may hold several)."""
        if location is None or location.path not in self._documents:
            return None
        lines, items = self._documents[location.path]
        i = bisect.bisect_right(lines, location.line) - 1
        return items[i] if i >= 0 else None
