"""Bundling: a large service-level diagram draws one edge per pair of contexts. Pure."""

from __future__ import annotations

from dataclasses import replace

from archlint.diagram.elements import (
    COMMAND,
    COUNT_WORDS,
    FLOW,
    QUERY,
    Diagram,
    Edge,
    context_id,
)

# Past this many nodes a service-level diagram bundles the edges between contexts.
BUNDLE_LIMIT = 150
BUNDLES_PER_CLUSTER = 1.5


def bundle_between_clusters(diagram: Diagram) -> Diagram:
    """Replace the edges from one cluster to another by one edge per ordered pair of
    clusters (ends `context_id(NAME)`, which name clusters, not nodes), counting what they
    carried; where the pairs are too many to read (more than BUNDLES_PER_CLUSTER per
    cluster, as in an estate whose contexts all trade events), leave them out and count
    them in `omitted`.

    In a large estate the individual edges between contexts cross the whole drawing and
    bury each context's own structure; the context map shows how contexts talk, and
    `--context NAME` shows one context's edges one by one. Edges with a violation stay
    individual and red, and so do edges to nodes outside every cluster.
    """
    cluster_of = {n.id: n.cluster for n in diagram.nodes}
    kept: list[Edge] = []
    tally: dict[tuple[str, str], dict[str, int]] = {}
    between = 0
    for e in diagram.edges:
        a, b = cluster_of.get(e.source), cluster_of.get(e.target)
        if e.rules or a is None or b is None or a == b:
            kept.append(e)
            continue
        between += 1
        what = {COMMAND: "commands", QUERY: "queries"}.get(e.kind, "events")
        counts = tally.setdefault((a, b), {})
        counts[what] = counts.get(what, 0) + max(1, len(e.names))
    omitted = 0
    if len(tally) <= BUNDLES_PER_CLUSTER * max(1, len(diagram.clusters)):
        for (a, b), counts in sorted(tally.items()):
            ordered = tuple((w, counts[w]) for w in COUNT_WORDS if counts.get(w))
            kept.append(Edge(context_id(a), context_id(b), FLOW, counts=ordered))
    else:
        omitted = between
    edges = tuple(sorted(kept, key=lambda e: e.key))
    return replace(diagram, edges=edges, bundled=True, omitted=omitted)
