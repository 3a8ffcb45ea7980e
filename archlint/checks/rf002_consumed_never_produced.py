"""RF002 consumed-never-produced: a consumed topic that no service writes nor sends commands
to; or a consumed event type that none of the topic's writers lists nor any command sent to
the topic names, where all its writers list their events.

Receiver-driven routing only works if something arrives: a subscription to a topic nothing
writes, or to an event type nobody produces, is a typo or a missing producer. A command sent
to a topic counts as something arriving there (its name as the type that arrives), though
it is never a write. Event types are only checked where every `produces` entry on the topic
lists its events, since an entry without `events` may carry anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import join_names
from archlint.findings import Finding
from archlint.interactions import Interaction, Interactions, TopicFacts
from archlint.registry import TOPIC, Scope

CODE = "RF002"
SCOPE: Scope = TOPIC


def _arriving(topic: TopicFacts) -> set[str] | None:
    """The names of everything that arrives on a topic: its event types and the names of the
    commands sent to it (None: anything may, as a writer does not list its events)."""
    if any(p.events is None for p in topic.produces):
        return None
    return {e.value for p in topic.produces for e in p.events or ()} | {
        c.name for c in topic.commands
    }


def _fix(topic: TopicFacts) -> str:
    """Where the event type could come from: a writer's events, or a command's name."""
    if topic.writers:
        source = f"none of its writers ({join_names(topic.writers)}) lists"
        if topic.commands:
            source += " and no command sent to it names"
        return f"{source}: fix the event name, or add it to the events its writer produces"
    return "no command sent to it names: fix the event name, or send a command of that name"


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for topic in interactions.topics.values():
        if not topic.consumes:
            continue
        if not topic.produces and not topic.commands:
            yield from (_nothing_arrives(c) for c in topic.consumes)
            continue
        arriving = _arriving(topic)
        if arriving is None:
            continue
        for consume in topic.consumes:
            seen: set[str] = set()
            for event in consume.events or ():
                if event.value in arriving or event.value in seen:
                    continue
                seen.add(event.value)
                yield Finding(
                    code=CODE,
                    message=(
                        f"{consume.service.name} consumes event '{event.value}' on topic "
                        f"'{topic.name}', which {_fix(topic)}"
                    ),
                    location=event.location,
                    entities={
                        "service": consume.service.name,
                        "topic": topic.name,
                        "event": event.value,
                    },
                )


def _nothing_arrives(consume: Interaction) -> Finding:
    return Finding(
        code=CODE,
        message=(
            f"{consume.service.name} consumes topic '{consume.target}', which no service writes "
            f"nor sends commands to: fix the topic name, or add the manifest of the service that "
            f"writes it"
        ),
        location=consume.location,
        entities={"service": consume.service.name, "topic": consume.target},
    )
