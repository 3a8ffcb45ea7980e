"""What the BR rules share: who writes a topic in the estate's terms, and where a topic is."""

from __future__ import annotations

from archlint.interactions import Interactions, TopicFacts
from archlint.model import Location


def declared_writers(facts: TopicFacts) -> frozenset[str]:
    """The services the estate lets write a topic: those that produce on it or send commands
    to it (the broker needs a write grant for both), and its Topic's listed `writers`."""
    return frozenset(facts.writers) | frozenset(facts.command_senders) | facts.listed_writers


def writes_or_owns(facts: TopicFacts) -> frozenset[str]:
    """The services a topic belongs to: its owners and the services that write it."""
    return frozenset(facts.owners) | frozenset(facts.writers) | frozenset(facts.command_senders)


def topic_location(interactions: Interactions, facts: TopicFacts) -> Location | None:
    """Where the estate names a topic first: its Topic document, else its first
    interaction, else its owner's `owns` entry."""
    if facts.document is not None:
        return facts.document.name_location or facts.document.location
    used = facts.produces + facts.commands + facts.consumes + facts.view_sources
    if used:
        return min(used, key=lambda i: (i.location.path, i.location.line)).location
    for owner in facts.owners:
        service = interactions.estate.service.get(owner)
        for named in service.owns if service is not None else ():
            if named.value == facts.name:
                return named.location
    return None


def holder(principal: str, service: str) -> str:
    """Who holds a grant, in a message: the service, and its principal where that differs."""
    return service if principal == service else f"{service} (principal '{principal}')"
