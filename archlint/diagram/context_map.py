"""The context map: one node per bounded context, one edge per ordered pair of contexts
that interact, counting what flows from one to the other. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from archlint import interactions as ix
from archlint.diagram.contexts import context_sizes, count_detail
from archlint.diagram.elements import (
    CONTEXT_LEVEL,
    COUNT_WORDS,
    FLOW,
    Diagram,
    Edge,
    Node,
    context_id,
)
from archlint.diagram.focus import FocusError, unknown
from archlint.diagram.marks import Marks, edge_key, marks_of
from archlint.findings import Finding

Pair = tuple[str, str]  # (from context, to context)


def context_map(
    interactions: ix.Interactions, findings: Sequence[Finding] = (), focus: str | None = None
) -> Diagram:
    """One node per bounded context; one edge per ordered pair of contexts that interact,
    counting the event types, commands and queries from one to the other, and writes to
    topics the other owns. Red, with the codes, where any of them is a violation.

    `focus`: only that context and the contexts it interacts with."""
    estate = interactions.estate
    tally, rules = _calls_and_writes(interactions, marks_of(findings, interactions))
    for pair, events in _events(interactions).items():
        tally.setdefault(pair, {})["events"] = len(events)
    edges = [
        Edge(
            context_id(a),
            context_id(b),
            FLOW,
            rules=tuple(sorted(rules.get((a, b), ()))),
            counts=tuple((w, counts[w]) for w in COUNT_WORDS if counts.get(w)),
        )
        for (a, b), counts in sorted(tally.items())
    ]
    names = list(estate.context_names)
    if focus is not None:
        if focus not in names:
            raise FocusError(unknown("context", focus, names))
        here = context_id(focus)
        edges = [e for e in edges if here in (e.source, e.target)]
        names = sorted({focus} | {end.name for e in edges for end in (e.source, e.target)})
    sizes = context_sizes(interactions)
    nodes = []
    for n in names:
        count, globals_, topics = sizes.get(n, (0, 0, 0))
        detail = count_detail(count, globals_, topics)
        nodes.append(Node(context_id(n), is_global=globals_ > 0, detail=detail))
    return Diagram(
        CONTEXT_LEVEL,
        "context map" if focus is None else f"context map around {focus}",
        (),
        tuple(nodes),
        tuple(edges),
        focus=(("context", focus),) if focus is not None else (),
    )


def _calls_and_writes(
    interactions: ix.Interactions, marks: Marks
) -> tuple[dict[Pair, dict[str, int]], dict[Pair, set[str]]]:
    """Per pair of contexts: the commands, queries and foreign writes that cross from one
    to the other (counted per manifest entry), and the codes drawn on them."""
    tally: dict[Pair, dict[str, int]] = {}
    rules: dict[Pair, set[str]] = {}
    for i in interactions.all:
        if not i.crosses_context or i.kind == ix.CONSUMES or i.kind == ix.VIEW_SOURCE:
            continue
        if i.target_service is not None:
            there: str | None = i.target_service.context
        else:
            there = interactions.context_of_topic(i.target)
        if there is None:
            continue
        what = {ix.PRODUCES: "writes", ix.QUERY: "queries"}.get(i.kind, "commands")
        pair = (i.service.context, there)
        counts = tally.setdefault(pair, {})
        counts[what] = counts.get(what, 0) + 1
        rules.setdefault(pair, set()).update(marks.of_edge(edge_key(i)))
    return tally, rules


def _events(interactions: ix.Interactions) -> dict[Pair, set[tuple[str, str]]]:
    """Per pair of contexts, the (topic, event type) that one context writes and the other
    reads ("*" where neither lists them): a reader of every event on a topic counts every
    event its writer lists."""
    known = interactions.estate.service
    out: dict[Pair, set[tuple[str, str]]] = {}
    for topic, facts in interactions.topics.items():
        if not facts.consumes or not facts.produces:
            continue
        written: dict[str, set[str] | None] = {}  # writer -> its events; None: unspecified
        for p in facts.produces:
            listed = p.event_names
            before = written.get(p.service.name, set())
            written[p.service.name] = (
                None if listed is None or before is None else before | set(listed)
            )
        for c in facts.consumes:
            for writer, events in written.items():
                pair = (known[writer].context, c.service.context)
                if pair[0] == pair[1]:
                    continue
                if c.event_names is not None:
                    wanted = set(c.event_names)
                    read = wanted if events is None else wanted & events
                else:
                    read = events if events else {"*"}
                if read:
                    out.setdefault(pair, set()).update((topic, n) for n in read)
    return out
