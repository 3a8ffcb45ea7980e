"""From an estate and its findings to a diagram: the service level with one cluster per
bounded context, the context map, and the focused views that keep large estates readable.

Pure: no files, no processes. Violations come from the lint findings, matched to edges by
their entities (DESIGN.md's table), so a suppressed or disabled rule draws nothing red.
"""

from __future__ import annotations

import difflib
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from archlint.findings import Finding
from archlint.diagram.elements import (
    COMMAND,
    CONSUMES,
    CONTEXT,
    CONTEXT_LEVEL,
    COUNT_WORDS,
    FLOW,
    PRODUCES,
    QUERY,
    SERVICE,
    SERVICE_LEVEL,
    TOPIC,
    UNDECLARED,
    Cluster,
    Diagram,
    Edge,
    Node,
)
from archlint.model import Estate

# Past this many services a service-level diagram labels its edges with rule codes only.
EDGE_LABEL_LIMIT = 60
EDGE_LABEL_EDGES = 120  # ... or past this many edges
# Past this many nodes a service-level diagram bundles the edges between contexts (below).
BUNDLE_LIMIT = 150
BUNDLES_PER_CLUSTER = 1.5


class FocusError(ValueError):
    """A focus that names nothing in the estate; the message says what exists."""


def service_id(name: str) -> str:
    return f"s:{name}"


def topic_id(name: str) -> str:
    return f"t:{name}"


def context_id(name: str) -> str:
    return f"c:{name}"


def undeclared_id(name: str) -> str:
    return f"x:{name}"


# -- violations ---------------------------------------------------------------------------


@dataclass
class Violations:
    """Rule codes by edge key (source id, target id, kind) and by node id."""

    edges: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    nodes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    cycles: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (code, services)

    def of_edge(self, key: tuple[str, str, str]) -> tuple[str, ...]:
        return tuple(sorted(self.edges.get(key, ())))

    def of_node(self, node_id: str) -> tuple[str, ...]:
        return tuple(sorted(self.nodes.get(node_id, ())))


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def violations(findings: Iterable[Finding]) -> Violations:
    """Index the findings that a diagram draws, by the entities each rule carries."""
    v = Violations()
    for f in findings:
        e = f.entities
        service, target, topic = e.get("service"), e.get("target"), e.get("topic")
        if f.code == "CX001" and service and target:
            v.edges[(service_id(service), service_id(target), QUERY)].add(f.code)
        elif f.code == "CX002" and service and target:
            v.edges[(service_id(service), service_id(target), COMMAND)].add(f.code)
        elif f.code == "RF001" and service and target:
            for kind in (COMMAND, QUERY):
                v.edges[(service_id(service), undeclared_id(target), kind)].add(f.code)
        elif f.code in ("SW001", "SW003") and service and topic:
            v.edges[(service_id(service), topic_id(topic), PRODUCES)].add(f.code)
        elif f.code == "SW002" and topic:
            for writer in _names(e.get("services")):
                v.edges[(service_id(writer), topic_id(topic), PRODUCES)].add(f.code)
        elif f.code == "RF002" and service and topic:
            v.edges[(topic_id(topic), service_id(service), CONSUMES)].add(f.code)
        elif f.code in ("SW004", "SW005") and topic:
            v.nodes[topic_id(topic)].add(f.code)
        elif f.code == "SY001":
            members = frozenset(_names(e.get("services")))
            if members:
                v.cycles.append((f.code, members))
    return v


# -- the service level --------------------------------------------------------------------


def _merge(edges: Iterable[Edge]) -> list[Edge]:
    """One edge per (source, target, kind): names and rules united, sorted."""
    merged: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}
    for e in edges:
        names, rules = merged.setdefault(e.key, (set(), set()))
        names.update(e.names)
        rules.update(e.rules)
    return [
        Edge(s, t, k, tuple(sorted(n)), tuple(sorted(r)))
        for (s, t, k), (n, r) in sorted(merged.items())
    ]


def _count_detail(services: int, globals_: int, topics: int) -> str:
    text = f"{services} service{'s' if services != 1 else ''}"
    if globals_:
        text += f" ({globals_} global)"
    if topics:
        text += f", {topics} topic{'s' if topics != 1 else ''}"
    return text


def service_diagram(
    estate: Estate, findings: Sequence[Finding] = (), edge_labels: bool | None = None
) -> Diagram:
    """Every service in its context's cluster, every topic in its owner's context (unowned
    topics outside every cluster), and every event, command and query between them."""
    v = violations(findings)
    known = estate.service
    nodes: dict[str, Node] = {}
    for s in estate.services:
        nodes[service_id(s.name)] = Node(
            service_id(s.name), SERVICE, s.name, cluster=s.context, is_global=s.is_global
        )
    for t in estate.topic_names:
        owner = estate.owner_of(t)
        if owner is None:
            cluster, detail = None, "no owner"
        elif owner in known:
            cluster, detail = known[owner].context, ""
        else:
            cluster, detail = None, f"owner {owner} undeclared"
        nodes[topic_id(t)] = Node(
            topic_id(t),
            TOPIC,
            t,
            cluster=cluster,
            owner=owner,
            detail=detail,
            rules=v.of_node(topic_id(t)),
        )
    raw: list[Edge] = []
    for s in estate.services:
        me = service_id(s.name)
        for p in s.produces:
            raw.append(Edge(me, topic_id(p.topic), PRODUCES, p.event_names or ()))
        for c in s.consumes:
            raw.append(Edge(topic_id(c.topic), me, CONSUMES, c.event_names or ()))
        for call in s.calls:
            if call.topic is not None:
                raw.append(Edge(me, topic_id(call.topic), COMMAND, (call.name,)))
            elif call.to is not None:
                if call.to in known:
                    target = service_id(call.to)
                else:
                    target = undeclared_id(call.to)
                    nodes.setdefault(target, Node(target, UNDECLARED, call.to, detail="undeclared"))
                raw.append(Edge(me, target, call.kind, (call.name,)))
    edges = [replace(e, rules=v.of_edge(e.key)) for e in _merge(raw)]
    edges = _mark_cycles(edges, v)
    clusters = _clusters(estate, {n.cluster for n in nodes.values() if n.cluster})
    diagram = Diagram(
        SERVICE_LEVEL,
        "services",
        clusters,
        tuple(sorted(nodes.values(), key=_node_key)),
        tuple(edges),
    )
    return replace(
        diagram, edge_labels=_few_enough(diagram) if edge_labels is None else edge_labels
    )


def _few_enough(diagram: Diagram) -> bool:
    """Whether a diagram is small enough to name what flows on each edge."""
    services = sum(1 for n in diagram.nodes if n.kind == SERVICE)
    return services <= EDGE_LABEL_LIMIT and len(diagram.edges) <= EDGE_LABEL_EDGES


def _mark_cycles(edges: list[Edge], v: Violations) -> list[Edge]:
    """A synchronous call between two members of one cycle carries the cycle's code."""
    if not v.cycles:
        return edges
    out = []
    for e in edges:
        codes = set(e.rules)
        if e.kind in (COMMAND, QUERY) and e.source.startswith("s:") and e.target.startswith("s:"):
            a, b = e.source[2:], e.target[2:]
            codes.update(code for code, members in v.cycles if a in members and b in members)
        out.append(replace(e, rules=tuple(sorted(codes))) if len(codes) != len(e.rules) else e)
    return out


def _clusters(estate: Estate, names: Iterable[str]) -> tuple[Cluster, ...]:
    docs = estate.context
    return tuple(Cluster(n, docs[n].owner or "" if n in docs else "") for n in sorted(names))


def _node_key(n: Node) -> tuple:
    return (n.cluster or "", n.id)


# -- bundling: large diagrams draw one edge per pair of contexts ---------------------------


def bundle_between_clusters(diagram: Diagram) -> Diagram:
    """Replace the edges from one cluster to another by one edge per ordered pair of
    clusters (ends "c:NAME", which name clusters, not nodes), counting what they carried;
    where the pairs are too many to read (more than BUNDLES_PER_CLUSTER per cluster, as in
    an estate whose contexts all trade events), leave them out and count them in `omitted`.

    In a large estate the individual edges between contexts cross the whole drawing and
    bury each context's own structure; the context map shows how contexts talk, and
    `--context NAME` shows one context's edges one by one. Edges with a violation stay
    individual and red, and so do edges to nodes outside every cluster.
    """
    cluster_of = {n.id: n.cluster for n in diagram.nodes}
    kept: list[Edge] = []
    tally: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    between = 0
    for e in diagram.edges:
        a, b = cluster_of.get(e.source), cluster_of.get(e.target)
        if e.rules or a is None or b is None or a == b:
            kept.append(e)
            continue
        between += 1
        what = {COMMAND: "commands", QUERY: "queries"}.get(e.kind, "events")
        tally[(a, b)][what] += max(1, len(e.names))
    omitted = 0
    if len(tally) <= BUNDLES_PER_CLUSTER * max(1, len(diagram.clusters)):
        for (a, b), counts in sorted(tally.items()):
            ordered = tuple((w, counts[w]) for w in COUNT_WORDS if counts.get(w))
            kept.append(Edge(context_id(a), context_id(b), FLOW, counts=ordered))
    else:
        omitted = between
    return replace(
        diagram, edges=tuple(sorted(kept, key=lambda e: e.key)), bundled=True, omitted=omitted
    )


# -- focus: one context, its neighbours collapsed ---------------------------------------------


def focus_context(full: Diagram, estate: Estate, name: str) -> Diagram:
    """The services and topics of context `name`, each neighbouring context collapsed to one
    node, and the topics nobody owns that the context's services touch."""
    if name not in estate.context_names:
        raise FocusError(_unknown("context", name, estate.context_names))
    inside = [n.id for n in full.nodes if n.cluster == name]
    edges_of = full.edges_of  # only edges that touch the context can matter
    near = {e.key: e for i in inside for e in edges_of.get(i, ())}
    touching = {end for e in near.values() for end in (e.source, e.target)}
    represent: dict[str, str] = {i: i for i in inside}
    for end in touching:
        if end not in represent and full.node[end].cluster is None:
            represent[end] = end  # unowned topic or undeclared service next to the context
            near.update((e.key, e) for e in edges_of.get(end, ()))
    for e in near.values():
        for end in (e.source, e.target):
            if end not in represent and full.node[end].cluster is not None:
                represent[end] = context_id(full.node[end].cluster)
    kept = {i: full.node[i] for i, r in represent.items() if i == r}
    sizes = _context_sizes(estate)
    edges = _collapse_edges(sorted(near.values(), key=lambda e: e.key), represent, kept.keys())
    for e in edges:
        for end in (e.source, e.target):
            if end not in kept:
                ctx = end[2:]
                count, globals_, topics = sizes.get(ctx, (0, 0, 0))
                kept[end] = Node(
                    end,
                    CONTEXT,
                    ctx,
                    collapsed=True,
                    detail="neighbour: " + _count_detail(count, globals_, topics),
                    is_global=globals_ > 0,
                )
    clusters = tuple(c for c in full.clusters if c.name == name)
    return replace(
        full,
        title=f"context {name}",
        clusters=clusters,
        nodes=tuple(sorted(kept.values(), key=_node_key)),
        edges=tuple(edges),
        focus=(("context", name),),
    )


def _context_sizes(estate: Estate) -> dict[str, tuple[int, int, int]]:
    """Context -> (services, global services, topics owned there)."""
    services: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in estate.services:
        services[s.context][0] += 1
        services[s.context][1] += s.is_global
    for owners in estate.owners.values():
        owner = estate.service.get(owners[0])
        if owner is not None:
            services[owner.context][2] += 1
    return {k: tuple(v) for k, v in services.items()}


def _collapse_edges(
    edges: Iterable[Edge], represent: Mapping[str, str], focused: Iterable[str]
) -> list[Edge]:
    """Edges between represented nodes: an edge with a collapsed end names the topic it
    went through; edges between two collapsed nodes are dropped (not this view's business)."""
    focused = set(focused)
    out = []
    for e in edges:
        s, t = represent.get(e.source), represent.get(e.target)
        if s is None or t is None or s == t or (s not in focused and t not in focused):
            continue
        names = e.names
        for original, now in ((e.source, s), (e.target, t)):
            if original != now and original.startswith("t:"):
                names = (original[2:],)  # the topic, collapsed: name it instead of its events
        out.append(replace(e, source=s, target=t, names=names))
    return _merge(out)


# -- focus: one service and what lies within N hops --------------------------------------------


def service_neighbours(estate: Estate) -> dict[str, set[str]]:
    """Service -> the services it interacts with directly, either way: calls, and events
    through a topic (writer and reader), and commands on a topic (sender and owner)."""
    known = estate.service
    near: dict[str, set[str]] = {s.name: set() for s in estate.services}
    readers: dict[str, set[str]] = defaultdict(set)
    for s in estate.services:
        for c in s.consumes:
            readers[c.topic].add(s.name)

    def link(a: str, b: str) -> None:
        if a != b and a in known and b in known:
            near[a].add(b)
            near[b].add(a)

    for s in estate.services:
        for p in s.produces:
            for r in readers.get(p.topic, ()):
                link(s.name, r)
        for call in s.calls:
            if call.to is not None:
                link(s.name, call.to)
            elif call.topic is not None:
                owner = estate.owner_of(call.topic)
                if owner is not None:
                    link(s.name, owner)
    return near


def focus_service(full: Diagram, estate: Estate, name: str, hops: int = 1) -> Diagram:
    """The service, the services within `hops` interactions of it, and the topics between
    them (a topic between a writer and a reader is part of one hop, not a hop of its own)."""
    if name not in estate.service:
        raise FocusError(_unknown("service", name, [s.name for s in estate.services]))
    if hops < 0:
        raise FocusError("--hops must be 0 or more")
    near = service_neighbours(estate)
    distance = {name: 0}
    queue = deque([name])
    while queue:
        current = queue.popleft()
        if distance[current] == hops:
            continue
        for other in sorted(near[current]):
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    kept_services = {service_id(s) for s in distance}
    centre = service_id(name)
    touches: dict[str, set[str]] = defaultdict(set)  # topic or undeclared node -> kept services
    for e in full.edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if a in kept_services and not b.startswith("s:"):
                touches[b].add(a)
    kept = set(kept_services)
    kept.update(n for n, by in touches.items() if len(by) >= 2 or centre in by)
    nodes = tuple(n for n in full.nodes if n.id in kept)
    edges = tuple(e for e in full.edges if e.source in kept and e.target in kept)
    clusters = tuple(c for c in full.clusters if any(n.cluster == c.name for n in nodes))
    return replace(
        full,
        title=f"service {name}, {hops} hop{'s' if hops != 1 else ''}",
        clusters=clusters,
        nodes=nodes,
        edges=edges,
        focus=(("service", name), ("hops", str(hops))),
    )


# -- the context map ------------------------------------------------------------------------


def context_map(
    estate: Estate, findings: Sequence[Finding] = (), focus: str | None = None
) -> Diagram:
    """One node per bounded context; one edge per ordered pair of contexts that interact,
    counting the event types, commands and queries from one to the other, and writes to
    topics the other owns. Red, with the codes, where any of them is a violation."""
    v = violations(findings)
    ctx_of = {s.name: s.context for s in estate.services}

    def owner_context(topic: str) -> str | None:
        owner = estate.owner_of(topic)
        return ctx_of.get(owner) if owner is not None else None

    events: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    tally: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    produced: dict[
        tuple[str, str], set[str] | None
    ] = {}  # (writer, topic) -> events, None: unspecified
    for s in estate.services:
        for p in s.produces:
            key = (s.name, p.topic)
            if p.event_names is None or produced.get(key, set()) is None:
                produced[key] = None
            else:
                produced.setdefault(key, set()).update(p.event_names)
            home = owner_context(p.topic)
            if home is not None and home != s.context:
                tally[(s.context, home)]["writes"] += 1
                rules[(s.context, home)].update(
                    v.of_edge((service_id(s.name), topic_id(p.topic), PRODUCES))
                )
    for s in estate.services:
        for c in s.consumes:
            for w in estate.writers.get(c.topic, ()):
                pair = (ctx_of[w], s.context)
                if pair[0] == pair[1]:
                    continue
                written = produced.get((w, c.topic))
                if c.event_names is not None:
                    names = (
                        set(c.event_names) & written if written is not None else set(c.event_names)
                    )
                else:
                    names = written if written else {"*"}
                if names:
                    events[pair].update((c.topic, n) for n in names)
        for call in s.calls:
            if call.to is not None:
                there = ctx_of.get(call.to)
                code_key = (service_id(s.name), service_id(call.to), call.kind)
            else:
                there = owner_context(call.topic)
                code_key = (service_id(s.name), topic_id(call.topic), call.kind)
            if there is None or there == s.context:
                continue
            tally[(s.context, there)]["commands" if call.kind == COMMAND else "queries"] += 1
            rules[(s.context, there)].update(v.of_edge(code_key))
    for pair, names in events.items():
        tally[pair]["events"] += len(names)
    edges = []
    for (a, b), counts in sorted(tally.items()):
        ordered = tuple((w, counts[w]) for w in COUNT_WORDS if counts.get(w))
        edges.append(
            Edge(
                context_id(a),
                context_id(b),
                FLOW,
                rules=tuple(sorted(rules[(a, b)])),
                counts=ordered,
            )
        )
    sizes = _context_sizes(estate)
    names = list(estate.context_names)
    if focus is not None:
        if focus not in names:
            raise FocusError(_unknown("context", focus, names))
        here = context_id(focus)
        edges = [e for e in edges if here in (e.source, e.target)]
        names = sorted({focus} | {e.source[2:] for e in edges} | {e.target[2:] for e in edges})
    nodes = []
    for n in names:
        count, globals_, topics = sizes.get(n, (0, 0, 0))
        nodes.append(
            Node(
                context_id(n),
                CONTEXT,
                n,
                is_global=globals_ > 0,
                detail=_count_detail(count, globals_, topics),
            )
        )
    return Diagram(
        CONTEXT_LEVEL,
        "context map" if focus is None else f"context map around {focus}",
        (),
        tuple(nodes),
        tuple(edges),
        focus=(("context", focus),) if focus is not None else (),
    )


# -- one entry point for the CLI and the report ------------------------------------------------


def build(
    estate: Estate,
    findings: Sequence[Finding] = (),
    level: str = SERVICE_LEVEL,
    context: str | None = None,
    service: str | None = None,
    hops: int = 1,
    edge_labels: bool | None = None,
    bundle: bool | None = None,
) -> Diagram:
    """The diagram the options ask for. Raises FocusError for a focus that names nothing.

    `edge_labels` and `bundle` (see bundle_between_clusters): None decides by size."""
    if context is not None and service is not None:
        raise FocusError("give --context or --service, not both")
    if level == CONTEXT_LEVEL:
        if service is not None:
            raise FocusError(
                "--service focuses the service level; use --context with --level context"
            )
        return context_map(estate, findings, focus=context)
    full = service_diagram(estate, findings, edge_labels=edge_labels)
    if context is not None:
        focused = focus_context(full, estate, context)
    elif service is not None:
        focused = focus_service(full, estate, service, hops)
    else:
        if bundle or (bundle is None and len(full.nodes) > BUNDLE_LIMIT):
            return bundle_between_clusters(full)
        return full
    if bundle:
        focused = bundle_between_clusters(focused)
    if edge_labels is None:  # a focused view is small enough for labels more often
        focused = replace(focused, edge_labels=_few_enough(focused))
    return focused


def _unknown(what: str, name: str, names: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    if not names:
        return f"no {what} named {name!r}: the estate has none"
    return f"no {what} named {name!r} in the estate{hint}"
