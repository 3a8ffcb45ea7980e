"""Exchanges in archlint's terms: produces, consumes, commands, queries, owns.

Each message is an event unless `x-eventcatalog-message-type` says command or query:

- an event sent is a write of the topic (`produces`); received, a subscription (`consumes`);
- a command sent on a topic is a request to the topic's owner (`commands: - topic:`), never a
  write; received, the application handles the commands sent on that topic: it reads them
  (`consumes`, the command names as the types that arrive) and, as their addressee, owns
  the topic;
- a query sent is a synchronous read of the service named by the operation's
  `x-archlint-target` (`queries: - to:`); received, the application serves it, which a
  manifest does not declare either.

A `reply` belongs to the request it answers: when the request is a command or a query the
reply is part of that call; otherwise it is an exchange of its own on the reply channel.
Entries on one topic are merged into one, in the order the document first names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archlint.asyncapi.exchanges import TARGET, Exchange, Message, Reading
from archlint.model import Call, EventStream, Location, Name


@dataclass
class _Stream:
    location: Location
    events: list[Name] | None = field(default_factory=list)


@dataclass
class Parts:
    """The messaging half of a Service, as the model wants it."""

    owns: tuple[Name, ...] = ()
    produces: tuple[EventStream, ...] = ()
    consumes: tuple[EventStream, ...] = ()
    commands: tuple[Call, ...] = ()
    queries: tuple[Call, ...] = ()


class _Builder:
    def __init__(self, reading: Reading):
        self.reading = reading
        self.owns: dict[str, Name] = {n.value: n for n in reversed(reading.owns)}
        self.streams: dict[str, dict[str, _Stream]] = {"send": {}, "receive": {}}
        self.commands: dict[tuple[str, str], Call] = {}
        self.queries: dict[tuple[str, str], Call] = {}

    def add(self, exchange: Exchange) -> None:
        events = [m for m in exchange.messages if m.kind == "event"]
        commands = [m for m in exchange.messages if m.kind == "command"]
        queries = [m for m in exchange.messages if m.kind == "query"]
        if exchange.action == "send":
            if events or not exchange.messages:
                self._stream(exchange, events)
            for m in commands:
                self._call(
                    self.commands,
                    Call(
                        "command", self._name(m, exchange), exchange.location, topic=exchange.topic
                    ),
                )
            for m in queries:
                self._query(exchange, m)
        else:
            if events or commands or not exchange.messages:
                self._stream(exchange, events + commands)
            if commands:
                self.owns.setdefault(exchange.topic, Name(exchange.topic, exchange.location))
        if exchange.reply is not None and not (commands or queries):
            self.add(exchange.reply)

    def _stream(self, exchange: Exchange, events: list[Message]) -> None:
        stream = self.streams[exchange.action].setdefault(
            exchange.topic, _Stream(exchange.location)
        )
        named = bool(events) and all(m.name for m in events)
        if stream.events is None or not named:
            stream.events = None  # unspecified (sent) / every event (received)
            return
        have = {n.value for n in stream.events}
        for m in events:
            if m.name is not None and m.name not in have:  # every one has a name here
                have.add(m.name)
                stream.events.append(Name(m.name, m.location))

    def _query(self, exchange: Exchange, message: Message) -> None:
        name = self._name(message, exchange)
        if exchange.target is None:
            self.reading.problem(
                f"query '{name}' is sent on '{exchange.topic}' but names no service to ask; "
                f"add `{TARGET}: SERVICE` to the operation",
                exchange.location,
            )
            return
        self._call(self.queries, Call("query", name, exchange.location, to=exchange.target.value))

    @staticmethod
    def _name(message: Message, exchange: Exchange) -> str:
        return message.name or exchange.label

    @staticmethod
    def _call(calls: dict[tuple[str, str], Call], call: Call) -> None:
        calls.setdefault((call.name, call.topic or call.to or ""), call)

    def parts(self) -> Parts:
        def streams(action: str) -> tuple[EventStream, ...]:
            return tuple(
                EventStream(
                    topic=topic,
                    location=s.location,
                    events=None if s.events is None else tuple(s.events),
                )
                for topic, s in self.streams[action].items()
            )

        return Parts(
            owns=tuple(sorted(self.owns.values(), key=lambda n: (n.location, n.value))),
            produces=streams("send"),
            consumes=streams("receive"),
            commands=tuple(self.commands.values()),
            queries=tuple(self.queries.values()),
        )


def assemble(reading: Reading) -> Parts:
    builder = _Builder(reading)
    for exchange in reading.exchanges:
        builder.add(exchange)
    return builder.parts()
