"""The context matrix: a design structure matrix of contexts x contexts. Each cell counts
what flows from the row's context to the column's (event types, commands, queries,
foreign writes, as on the context map), red where a rule fires; the contexts are ordered
by the condensation of the context graph so that layers read top to bottom and each cycle
sits in one block on the diagonal. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archlint import interactions as ix
from archlint.diagram.elements import COUNT_WORDS, Diagram
from archlint.report.data import FindingRow

KINDS = tuple(COUNT_WORDS)  # events, commands, queries, writes: each cell's counts, in order
# A pair's interactions as the matrix lists them: (service index, kind, name, target)
PairInteraction = tuple[int, str, str, str]
PAIR_CONTEXTS = 8


@dataclass(frozen=True)
class Matrix:
    order: tuple[int, ...]  # indexes into Report.context_names, in matrix order
    groups: tuple[tuple[int, int], ...]  # (first, size) in matrix positions: each cycle
    # (row position, column position, counts in KINDS order, rule codes), by row then column
    cells: tuple[tuple[int, int, tuple[int, ...], tuple[str, ...]], ...]
    interactions: Mapping[tuple[int, int], tuple[PairInteraction, ...]]  # by context indexes
    findings: Mapping[tuple[int, int], tuple[int, ...]]  # finding numbers, by context indexes


def context_order(
    names: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> tuple[list[str], list[list[str]]]:
    """The contexts ordered by the condensation of the graph of `pairs`: each strongly
    connected component in one run (its members by name), components in topological order,
    ties broken by their first name; and the components of more than one context."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(names)
    graph.add_edges_from(p for p in pairs if p[0] != p[1])
    condensed = nx.condensation(graph)
    members = {c: sorted(condensed.nodes[c]["members"]) for c in condensed.nodes}
    components = nx.lexicographical_topological_sort(condensed, key=lambda c: members[c][0])
    ordered = [members[c] for c in components]
    return [n for group in ordered for n in group], [g for g in ordered if len(g) > 1]


def build_matrix(
    context_map: Diagram,
    interactions: ix.Interactions,
    rows: Sequence[FindingRow],
    context_index: Mapping[str, int],
    service_index: Mapping[str, int],
) -> Matrix:
    """The matrix of the context map's edges, with each pair's interactions and findings."""
    pairs = [(e.source.name, e.target.name) for e in context_map.edges]
    ordered, cycles = context_order(list(context_index), pairs)
    position = {name: i for i, name in enumerate(ordered)}
    cells = sorted(
        (
            position[e.source.name],
            position[e.target.name],
            tuple(dict(e.counts).get(k, 0) for k in KINDS),
            e.rules,
        )
        for e in context_map.edges
    )
    groups = tuple(sorted((position[g[0]], len(g)) for g in cycles))
    return Matrix(
        order=tuple(context_index[n] for n in ordered),
        groups=groups,
        cells=tuple(cells),
        interactions=pair_interactions(interactions, context_index, service_index),
        findings=pair_findings(rows),
    )


def pair_interactions(
    interactions: ix.Interactions,
    context_index: Mapping[str, int],
    service_index: Mapping[str, int],
) -> dict[tuple[int, int], tuple[PairInteraction, ...]]:
    """(from context, to context) -> the manifest entries that cross from one to the other:
    commands, queries and writes by the sender, event subscriptions by the reader (from the
    context of the topic's owner)."""
    out: dict[tuple[int, int], list[PairInteraction]] = {}
    for i in interactions.all:
        if not i.crosses_context or i.kind == ix.VIEW_SOURCE:
            continue
        here = i.service.context
        if i.target_service is not None:
            there: str | None = i.target_service.context
        else:
            there = interactions.context_of_topic(i.target)
        if there is None or there == here:
            continue
        pair = (there, here) if i.kind == ix.CONSUMES else (here, there)
        events = i.event_names
        name = i.name or (", ".join(events) if events else "every event")
        entry = (service_index[i.service.name], i.kind, name, i.target)
        out.setdefault((context_index[pair[0]], context_index[pair[1]]), []).append(entry)
    return {pair: tuple(sorted(found)) for pair, found in sorted(out.items())}


def pair_findings(rows: Sequence[FindingRow]) -> dict[tuple[int, int], tuple[int, ...]]:
    """(context, context) -> the numbers of the findings that involve both, either way
    round (stored under both orders). A finding that involves more than PAIR_CONTEXTS
    contexts is about the estate, not a pair, and is left to the findings table."""
    out: dict[tuple[int, int], list[int]] = {}
    for row in rows:
        if len(row.contexts) > PAIR_CONTEXTS:
            continue
        for a in row.contexts:
            for b in row.contexts:
                if a != b:
                    out.setdefault((a, b), []).append(row.number)
    return {pair: tuple(numbers) for pair, numbers in sorted(out.items())}
