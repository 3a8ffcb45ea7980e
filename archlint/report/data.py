"""What the HTML report shows, computed from a LintResult and the rule catalogue.

Pure: no files, no processes, no HTML. The template (templates/report.html.j2) only lays
these values out; the diagrams are drawn by archlint.report.diagrams.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from archlint.catalogue import RuleSpec
from archlint.findings import SEVERITIES, Finding
from archlint.graph import build_graph
from archlint.model import Estate, Service


@dataclass(frozen=True)
class FindingRow:
    number: int  # 1-based, in the order of the lint output
    code: str
    slug: str
    severity: str
    message: str
    where: str  # path:line
    line: int
    column: int
    path: str
    service: str  # the service the finding is mainly about, or ""
    context: str  # that service's context, or ""
    services: tuple[int, ...]  # indexes into Report.service_names: every service involved
    contexts: tuple[int, ...]  # indexes into Report.context_names


@dataclass(frozen=True)
class Flow:
    """A produces or consumes entry, as a line of a service's section."""

    topic: str
    events: tuple[str, ...] | None  # None: unspecified (producer) / every event (consumer)
    owner: str | None  # the topic's owner


@dataclass(frozen=True)
class CallLine:
    kind: str  # command | query
    name: str
    target: str  # service or topic
    synchronous: bool
    known: bool  # the target service is declared
    rules: tuple[str, ...] = ()  # codes of findings on this call


@dataclass(frozen=True)
class ServiceSection:
    name: str
    anchor: str
    context: str
    context_anchor: str
    path: str
    line: int
    owner: str | None
    description: str | None
    is_global: bool
    availability: float | None
    slo: float | None
    owns: tuple[str, ...]
    produces: tuple[Flow, ...]
    consumes: tuple[Flow, ...]
    calls: tuple[CallLine, ...]
    called_by: tuple[tuple[str, str, str], ...]  # (caller, kind, name), sorted
    depends_on: tuple[str, ...]  # every service it reaches by synchronous calls, sorted
    dependents: tuple[str, ...]  # every service that reaches it by synchronous calls, sorted
    findings: int  # findings that involve it


@dataclass(frozen=True)
class ContextSection:
    name: str
    anchor: str
    description: str | None
    owner: str | None
    services: tuple[str, ...]
    topics: int  # topics owned there
    findings: int


@dataclass(frozen=True)
class RuleDoc:
    code: str
    anchor: str
    slug: str
    severity: str  # the catalogue's default
    summary: str
    what: str = ""
    why: str = ""
    fails: str = ""
    passes: str = ""
    fix: str = ""
    options: tuple[tuple[str, str, str], ...] = ()  # (name, default, description)
    count: int = 0  # findings of this rule in the report
    custom: bool = False  # a rule from the user's configuration, documented there


@dataclass(frozen=True)
class Report:
    title: str
    passed: bool
    fail_on: str
    counts: Mapping[str, int]  # severity -> findings
    by_rule: tuple[tuple[str, str, str, int], ...]  # (code, slug, severity, count), most first
    files: int
    topics: int
    findings: tuple[FindingRow, ...]
    services: tuple[ServiceSection, ...]
    contexts: tuple[ContextSection, ...]
    rules: tuple[RuleDoc, ...]
    service_names: tuple[str, ...]
    context_names: tuple[str, ...]
    anchors: Mapping[str, str] = field(default_factory=dict)  # service name -> anchor

    @property
    def severities(self) -> tuple[str, ...]:
        return SEVERITIES


def rule_anchor(code: str) -> str:
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "_", code)


def _transitive(sync: nx.DiGraph) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Every service each one reaches by synchronous calls, and every one that reaches it.

    One pass over the condensation in topological order with the reachable sets as bit
    masks (Python ints), instead of a graph search per service: linear in the graph for
    the usual shallow call graphs of an estate.
    """
    names = sorted(sync.nodes)
    bit = {n: 1 << i for i, n in enumerate(names)}
    comps = [sorted(c) for c in nx.strongly_connected_components(sync)]
    dag = nx.condensation(sync, scc=comps)
    members = {i: dag.nodes[i]["members"] for i in dag.nodes}
    own = {i: sum(bit[n] for n in members[i]) for i in dag.nodes}
    down: dict[int, int] = {}
    for i in reversed(list(nx.topological_sort(dag))):
        mask = 0
        for j in dag.successors(i):
            mask |= down[j] | own[j]
        cyclic = len(members[i]) > 1 or any(sync.has_edge(n, n) for n in members[i])
        down[i] = mask | (own[i] if cyclic else 0)
    up: dict[int, int] = {}
    for i in nx.topological_sort(dag):
        mask = 0
        for j in dag.predecessors(i):
            mask |= up[j] | own[j]
        cyclic = len(members[i]) > 1 or any(sync.has_edge(n, n) for n in members[i])
        up[i] = mask | (own[i] if cyclic else 0)

    def unpack(mask: int, me: str) -> tuple[str, ...]:
        out = []
        while mask:
            low = mask & -mask
            out.append(names[low.bit_length() - 1])
            mask ^= low
        return tuple(n for n in out if n != me)

    comp_of = {n: i for i in dag.nodes for n in members[i]}
    depends = {n: unpack(down[comp_of[n]], n) for n in names}
    dependents = {n: unpack(up[comp_of[n]], n) for n in names}
    return depends, dependents


def _document_index(estate: Estate) -> dict[str, tuple[list[int], list[str]]]:
    """path -> (start lines of service documents, their services), to find the service a
    finding's location lies in."""
    index: dict[str, list[tuple[int, str]]] = {}
    for s in estate.services:
        index.setdefault(s.path, []).append((s.location.line, s.name))
    out = {}
    for path, starts in index.items():
        starts.sort()
        out[path] = ([line for line, _ in starts], [name for _, name in starts])
    # other documents (Topic, Context) end a service's document
    for doc in (*estate.topics, *estate.contexts):
        if doc.path in out:
            lines, names = out[doc.path]
            i = bisect.bisect_right(lines, doc.location.line)
            lines.insert(i, doc.location.line)
            names.insert(i, "")
    return out


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def build_report(
    result, catalogue: Mapping[str, RuleSpec], title: str = "archlint report"
) -> Report:
    """The report's content from a LintResult (estate and findings) and the catalogue."""
    estate: Estate = result.estate
    findings: Sequence[Finding] = result.findings
    known = estate.service
    service_names = tuple(s.name for s in estate.services)
    service_index = {n: i for i, n in enumerate(service_names)}
    context_names = estate.context_names
    context_index = {n: i for i, n in enumerate(context_names)}
    anchors = {n: f"s-{i}" for i, n in enumerate(service_names)}
    documents = _document_index(estate)

    rows = []
    involved_count: Counter[str] = Counter()
    context_findings: Counter[str] = Counter()
    for number, f in enumerate(findings, start=1):
        e = f.entities
        involved: list[str] = []
        for key in ("service", "services", "target"):
            involved.extend(n for n in _names(e.get(key)) if n in known)
        located = _located_in(documents, f)
        if located:
            involved.append(located)
        topic = e.get("topic")
        if isinstance(topic, str) and not involved:
            owner = estate.owner_of(topic)
            involved.extend([owner] if owner in known else estate.writers.get(topic, ()))
        involved = sorted(set(involved))
        primary = next(
            (n for n in _names(e.get("service")) if n in known),
            located or (involved[0] if involved else ""),
        )
        contexts = sorted({known[n].context for n in involved})
        involved_count.update(involved)
        context_findings.update(contexts)
        loc = f.location
        rows.append(
            FindingRow(
                number=number,
                code=f.code,
                slug=f.slug,
                severity=f.severity,
                message=f.message,
                where=f"{loc.path}:{loc.line}" if loc else "",
                line=loc.line if loc else 0,
                column=loc.column if loc else 0,
                path=loc.path if loc else "",
                service=primary,
                context=known[primary].context if primary in known else "",
                services=tuple(service_index[n] for n in involved),
                contexts=tuple(context_index[c] for c in contexts),
            )
        )

    call_rules = _call_rules(findings)
    graph = build_graph(estate)
    depends, dependents = _transitive(graph.sync)
    called_by: dict[str, list[tuple[str, str, str]]] = {}
    for s in estate.services:
        for call in s.calls:
            if call.to is not None:
                called_by.setdefault(call.to, []).append((s.name, call.kind, call.name))
    context_anchor = {c: f"ctx-{i}" for i, c in enumerate(context_names)}
    sections = tuple(
        _service_section(
            estate,
            s,
            anchors[s.name],
            context_anchor[s.context],
            call_rules,
            tuple(sorted(called_by.get(s.name, ()))),
            depends[s.name],
            dependents[s.name],
            involved_count[s.name],
        )
        for s in estate.services
    )

    owned_in: Counter[str] = Counter()
    for topic, owners in estate.owners.items():
        if owners[0] in known:
            owned_in[known[owners[0]].context] += 1
    contexts = tuple(
        ContextSection(
            c,
            context_anchor[c],
            estate.context[c].description if c in estate.context else None,
            estate.context[c].owner if c in estate.context else None,
            tuple(s.name for s in estate.services if s.context == c),
            owned_in[c],
            context_findings[c],
        )
        for c in context_names
    )

    per_rule = Counter(f.code for f in findings)
    slug_of = {f.code: f.slug for f in findings}
    severity_of = {f.code: f.severity for f in findings}
    by_rule = tuple(
        sorted(
            ((code, slug_of[code], severity_of[code], n) for code, n in per_rule.items()),
            key=lambda r: (-r[3], r[0]),
        )
    )
    rules = [_rule_doc(spec, per_rule.get(code, 0)) for code, spec in catalogue.items()]
    rules += [
        RuleDoc(
            code,
            rule_anchor(code),
            slug_of[code],
            severity_of[code],
            "A custom rule from the configuration.",
            count=per_rule[code],
            custom=True,
        )
        for code in sorted(per_rule)
        if code not in catalogue
    ]
    return Report(
        title=title,
        passed=not result.failed,
        fail_on=result.fail_on,
        counts=result.counts,
        by_rule=by_rule,
        files=estate.files,
        topics=len(estate.topic_names),
        findings=tuple(rows),
        services=sections,
        contexts=contexts,
        rules=tuple(sorted(rules, key=lambda r: r.code)),
        service_names=service_names,
        context_names=context_names,
        anchors=anchors,
    )


def _located_in(documents, f: Finding) -> str:
    if f.location is None or f.location.path not in documents:
        return ""
    lines, names = documents[f.location.path]
    i = bisect.bisect_right(lines, f.location.line) - 1
    return names[i] if i >= 0 else ""


def _call_rules(findings: Sequence[Finding]) -> dict[tuple[str, str, int, int], set[str]]:
    """(path, line, column) of a call entry -> codes of the findings located there."""
    out: dict[tuple, set[str]] = {}
    for f in findings:
        if f.location is not None:
            out.setdefault((f.location.path, f.location.line, f.location.column), set()).add(f.code)
    return out


def _service_section(
    estate: Estate,
    s: Service,
    anchor: str,
    context_anchor: str,
    call_rules,
    called_by,
    depends_on,
    dependents,
    findings: int,
) -> ServiceSection:
    calls = []
    for call in s.calls:
        target = call.to if call.to is not None else call.topic or ""
        where = (call.location.path, call.location.line, call.location.column)
        calls.append(
            CallLine(
                call.kind,
                call.name,
                target,
                call.synchronous,
                call.to is None or call.to in estate.service,
                tuple(sorted(call_rules.get(where, ()))),
            )
        )
    return ServiceSection(
        name=s.name,
        anchor=anchor,
        context=s.context,
        context_anchor=context_anchor,
        path=s.path,
        line=s.location.line,
        owner=s.owner,
        description=s.description,
        is_global=s.is_global,
        availability=s.availability,
        slo=s.slo,
        owns=tuple(n.value for n in s.owns),
        produces=tuple(Flow(p.topic, p.event_names, estate.owner_of(p.topic)) for p in s.produces),
        consumes=tuple(Flow(c.topic, c.event_names, estate.owner_of(c.topic)) for c in s.consumes),
        calls=tuple(calls),
        called_by=called_by,
        depends_on=depends_on,
        dependents=dependents,
        findings=findings,
    )


def _rule_doc(spec: RuleSpec, count: int) -> RuleDoc:
    return RuleDoc(
        code=spec.code,
        anchor=rule_anchor(spec.code),
        slug=spec.slug,
        severity=spec.severity,
        summary=spec.summary,
        what=spec.what,
        why=spec.why,
        fails=spec.fails.rstrip(),
        passes=spec.passes.rstrip(),
        fix=spec.fix,
        options=tuple((o.name, str(o.default), o.description) for o in spec.options),
        count=count,
    )
