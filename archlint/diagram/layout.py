"""Rank assignment for large service-level diagrams: clusters laid out in columns.

Graphviz's `dot` ranks a graph along its longest paths. In an estate, events chain services
across the whole estate (a consumer produces what the next one consumes), so a plain layout
of 300 services has a hundred ranks, tens of thousands of virtual nodes, and takes many
minutes. Here every node gets its rank from inside its own cluster (producer -> topic,
caller -> callee: a few ranks), and the clusters are stacked into a few columns of similar
height, so that the drawing is about as wide as it is tall. The DOT writer then pins the
ranks (`rank=same` groups along an invisible spine) and lets no edge move them.

Pure: computes numbers from the diagram.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archlint.diagram.elements import CONSUMES, Diagram, NodeId

GAP = 1  # empty ranks between two columns of clusters
# How many node heights one rank is wide in the DOT writer's large settings, measured on
# drawings of generated estates (clusters' labels and margins included): turns ranks and
# nodes into a drawing's width and height.
RANK_WIDTH = 2.8
# A rank of a cluster holds at most max(MIN_STACK, sqrt(nodes * STACK_FACTOR)) nodes before
# it spreads over the next ranks: about as many node heights tall as rank widths wide.
MIN_STACK = 8
STACK_FACTOR = 2.0


@dataclass(frozen=True)
class Grid:
    ranks: dict[NodeId, int]  # node id -> rank
    depth: int  # number of ranks
    order: dict[NodeId, int]  # node id -> position in its rank, fewest crossings first


SWEEPS = 6  # barycentre sweeps over the ranks (left to right, then back)


def _order(ranks: dict[int, int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Positions within each rank that cross fewer edges: the barycentre heuristic (a node
    moves to the mean position of its neighbours in other ranks), swept back and forth.
    With ranks pinned, Graphviz keeps the order it is given, so it is worked out here."""
    by_rank: dict[int, list[int]] = {}
    for node_id in sorted(ranks):
        by_rank.setdefault(ranks[node_id], []).append(node_id)
    near: dict[int, list[int]] = {n: [] for n in ranks}
    for a, b in edges:
        if a in near and b in near and ranks[a] != ranks[b]:
            near[a].append(b)
            near[b].append(a)
    position = {n: i for ids in by_rank.values() for i, n in enumerate(ids)}
    order = sorted(by_rank)
    for sweep in range(SWEEPS):
        for r in order if sweep % 2 == 0 else reversed(order):
            ids = by_rank[r]

            def centre(n: int) -> float:
                ps = [position[m] for m in near[n]]
                return sum(ps) / len(ps) if ps else position[n]

            ids.sort(key=lambda n: (centre(n), position[n], n))
            for i, n in enumerate(ids):
                position[n] = i
    return position


def _local_ranks(ids: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Longest-path ranks inside one cluster; an edge closing a cycle is ignored."""
    succ: dict[int, list[int]] = {i: [] for i in ids}
    indeg = dict.fromkeys(ids, 0)
    for a, b in edges:
        succ[a].append(b)
        indeg[b] += 1
    rank = dict.fromkeys(ids, 0)
    ready = sorted(i for i in ids if indeg[i] == 0)
    done: set[int] = set()
    while len(done) < len(ids):
        if not ready:  # a cycle: release the first node left, by id, to break it
            ready = [min(i for i in ids if i not in done)]
        current = ready.pop()
        if current in done:
            continue
        done.add(current)
        for nxt in succ[current]:
            if nxt in done:
                continue
            rank[nxt] = max(rank[nxt], rank[current] + 1)
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                ready.append(nxt)
        ready.sort()
    return rank


def _wrap(rank: dict[int, int]) -> dict[int, int]:
    """Spread a crowded rank over several neighbouring ranks, so that a cluster of fifty
    nodes is a block rather than a column: rank r's nodes, in chunks of `cap`, take ranks
    base(r), base(r) + 1, ...; every edge still points from a lower rank to a higher one."""
    cap = max(MIN_STACK, math.ceil(math.sqrt(len(rank) * STACK_FACTOR)))
    by_rank: dict[int, list[int]] = {}
    for node_id, r in sorted(rank.items()):
        by_rank.setdefault(r, []).append(node_id)
    out: dict[int, int] = {}
    base = 0
    for r in sorted(by_rank):
        ids = by_rank[r]
        for i, node_id in enumerate(ids):
            out[node_id] = base + i // cap
        base += math.ceil(len(ids) / cap)
    return out


@dataclass(frozen=True)
class _Numbered:
    """A diagram's nodes numbered in id order, and its edges between those numbers: the
    layout works on ints, which hash and compare faster than ids and break every tie as
    the ids would. An edge end that is no node (a bundled edge's cluster) is numbered
    after the nodes."""

    ids: list[NodeId]  # number -> id
    clusters: list[str | None]  # number -> the node's cluster
    collapsed: list[bool]
    edges: list[tuple[int, int, str]]  # (source, target, kind), in diagram order

    @staticmethod
    def of(diagram: Diagram) -> _Numbered:
        nodes = sorted(diagram.nodes, key=lambda n: n.id)
        number = {n.id: i for i, n in enumerate(nodes)}
        ends = {end for e in diagram.edges for end in (e.source, e.target)}
        for end in sorted(ends - number.keys()):
            number[end] = len(number)
        return _Numbered(
            [n.id for n in nodes],
            [n.cluster for n in nodes],
            [n.collapsed for n in nodes],
            [(number[e.source], number[e.target], e.kind) for e in diagram.edges],
        )


def _cluster_ranks(g: _Numbered) -> dict[str, dict[int, int]]:
    """Per cluster, its nodes' ranks from the edges inside it (consumers aside: a topic's
    readers would pull every chain of events into one long line), wrapped into a block."""
    members: dict[str, list[int]] = {}
    for i, cluster in enumerate(g.clusters):
        if cluster is not None:
            members.setdefault(cluster, []).append(i)
    nodes = len(g.ids)
    inner: dict[str, list[tuple[int, int]]] = {c: [] for c in members}
    for a, b, kind in g.edges:
        if kind == CONSUMES or a == b or a >= nodes or b >= nodes:
            continue
        c = g.clusters[a]
        if c is not None and c == g.clusters[b]:
            inner[c].append((a, b))
    return {c: _wrap(_local_ranks(ids, inner[c])) for c, ids in members.items()}


def _column_offsets(local: dict[str, dict[int, int]], aspect: float) -> dict[str, int]:
    """The first rank of each cluster: clusters stacked into columns of similar height,
    tallest first, as many columns as make the drawing `aspect` times wider than tall."""
    width = {c: max(r.values()) + 1 for c, r in local.items()}
    # a cluster's height: its most crowded rank (node boxes stack along a rank in LR)
    height = {}
    for c, r in local.items():
        per_rank: dict[int, int] = {}
        for v in r.values():
            per_rank[v] = per_rank.get(v, 0) + 1
        height[c] = max(per_rank.values()) + 1  # + the cluster's label and margin
    # A layout is about `aspect` times wider than tall when
    # columns * RANK_WIDTH * width ~ aspect * total height / columns.
    total = sum(height.values())
    mean_width = max(1.0, sum(width.values()) / max(1, len(width)))
    columns = max(1, min(len(local), round(math.sqrt(aspect * total / (RANK_WIDTH * mean_width)))))
    load = [0] * columns
    column_of: dict[str, int] = {}
    for c in sorted(local, key=lambda c: (-height[c], c)):
        col = min(range(columns), key=lambda i: (load[i], i))
        column_of[c] = col
        load[col] += height[c]
    col_width = [0] * columns
    for c, col in column_of.items():
        col_width[col] = max(col_width[col], width[c])
    offset = [0] * columns
    for i in range(1, columns):
        offset[i] = offset[i - 1] + col_width[i - 1] + GAP
    return {c: offset[col] for c, col in column_of.items()}


def _place_outsiders(g: _Numbered, ranks: dict[int, int]) -> None:
    """Rank the nodes outside every cluster. Collapsed neighbours stand on the left when
    they mostly feed the clusters, else on the right. Other nodes sit one rank after the
    first node that points at them (an unowned topic after its first writer), else where
    the first node they point at is."""
    incoming: dict[int, list[int]] = {}
    outgoing: dict[int, list[int]] = {}
    for a, b, _ in g.edges:
        outgoing.setdefault(a, []).append(b)
        incoming.setdefault(b, []).append(a)
    last = max(ranks.values(), default=0)
    for n in range(len(g.ids)):
        if n in ranks:
            continue
        if g.collapsed[n]:
            feeds = len(outgoing.get(n, ())) >= len(incoming.get(n, ()))
            ranks[n] = -1 if feeds else last + 1
            continue
        before = sorted(ranks[s] + 1 for s in incoming.get(n, ()) if s in ranks)
        after = sorted(ranks[t] for t in outgoing.get(n, ()) if t in ranks)
        ranks[n] = before[0] if before else (after[0] if after else 0)


def grid(diagram: Diagram, aspect: float = 1.3) -> Grid:
    """Ranks for every node: clusters in columns, each column as tall as the others."""
    g = _Numbered.of(diagram)
    local = _cluster_ranks(g)
    offsets = _column_offsets(local, aspect)
    ranks = {node: offsets[c] + v for c, r in local.items() for node, v in r.items()}
    _place_outsiders(g, ranks)
    low = min(ranks.values(), default=0)
    ranks = {k: v - low for k, v in ranks.items()}
    order = _order(ranks, [(a, b) for a, b, _ in g.edges])
    return Grid(
        {g.ids[n]: r for n, r in ranks.items()},
        max(ranks.values(), default=0) + 1,
        {g.ids[n]: p for n, p in order.items()},
    )
