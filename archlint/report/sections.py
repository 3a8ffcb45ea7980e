"""The report's section of each service and each context, read from the interaction index.
Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from archlint import interactions as ix
from archlint.diagram.contexts import context_sizes
from archlint.findings import Finding, Pointers
from archlint.model import Location, Service
from archlint.report.data import CallLine, ContextSection, Flow, ServiceSection, TopicSection

CALL_KINDS = frozenset({ix.COMMAND, ix.QUERY, ix.TOPIC_COMMAND})


def codes_by_interaction(
    findings: Sequence[Finding], pointers: Sequence[Pointers]
) -> dict[Location, set[str]]:
    """The manifest entry of each interaction a finding points at (its location, which
    names it) -> the codes of those findings."""
    out: dict[Location, set[str]] = {}
    for f, points in zip(findings, pointers, strict=True):
        for i in points.interactions:
            out.setdefault(i.location, set()).add(f.code)
    return out


def service_section(
    interactions: ix.Interactions,
    s: Service,
    anchors: tuple[str, str],
    codes: Mapping[Location, set[str]],
    findings: int,
    blast: tuple[int, int] = (0, 0),
) -> ServiceSection:
    """A service's section: its manifest's entries, who calls it, what it reaches by
    synchronous calls and what reaches it, and how many findings involve it.

    `anchors`: the HTML ids of its section and its context's; `codes`: see
    codes_by_interaction; `blast`: its blast radius (fail with it, delayed)."""
    mine = interactions.by_service.get(s.name, ())

    def flows(kind: str) -> tuple[Flow, ...]:
        return tuple(
            Flow(i.target, i.event_names, interactions.owner_of(i.target))
            for i in mine
            if i.kind == kind
        )

    calls = tuple(
        CallLine(
            ix.QUERY if i.kind == ix.QUERY else ix.COMMAND,
            i.name,
            i.target,
            i.synchronous,
            not i.synchronous or i.target_service is not None,
            tuple(sorted(codes.get(i.location, ()))),
        )
        for i in mine
        if i.kind in CALL_KINDS
    )
    called_by = sorted(
        (i.service.name, i.kind, i.name) for i in interactions.called_by.get(s.name, ())
    )
    return ServiceSection(
        name=s.name,
        anchor=anchors[0],
        context=s.context,
        context_anchor=anchors[1],
        path=s.path,
        line=s.location.line,
        owner=s.owner,
        description=s.description,
        is_global=s.is_global,
        availability=s.availability,
        slo=s.slo,
        owns=tuple(n.value for n in s.owns),
        produces=flows(ix.PRODUCES),
        consumes=flows(ix.CONSUMES),
        calls=calls,
        called_by=tuple(called_by),
        depends_on=interactions.reaches(s.name),
        dependents=interactions.reached_by(s.name),
        findings=findings,
        title=s.title,
        blast=blast,
    )


def context_sections(
    interactions: ix.Interactions, anchors: Mapping[str, str], findings: Mapping[str, int]
) -> tuple[ContextSection, ...]:
    """A section per context: its Context document, its services, how many topics its
    services own and how many findings involve it.

    `anchors`: context name -> HTML id; `findings`: context name -> findings."""
    estate = interactions.estate
    sizes = context_sizes(interactions)
    members: dict[str, list[str]] = {}
    for s in estate.services:
        members.setdefault(s.context, []).append(s.name)
    return tuple(
        ContextSection(
            c,
            anchors[c],
            estate.context[c].description if c in estate.context else None,
            estate.context[c].owner if c in estate.context else None,
            tuple(members.get(c, ())),
            sizes[c][2] if c in sizes else 0,
            findings.get(c, 0),
        )
        for c in estate.context_names
    )


def topic_sections(
    interactions: ix.Interactions, codes: Mapping[str, set[str]]
) -> tuple[TopicSection, ...]:
    """A section per topic, by name (anchors t-0, t-1, ...); `codes`: topic -> the codes of
    the findings about it."""
    estate, broker = interactions.estate, interactions.broker
    out = []
    for i, (name, facts) in enumerate(sorted(interactions.topics.items())):
        owner = estate.service.get(facts.owner or "")
        events: set[str] = set()
        for flow in (*facts.produces, *facts.consumes):
            events.update(flow.event_names or ())
        if facts.document is not None:
            events.update(e.value for e in facts.document.events or ())
        out.append(
            TopicSection(
                name=name,
                anchor=f"t-{i}",
                context=owner.context if owner is not None else "",
                owner=facts.owner,
                writers=tuple(
                    sorted({*facts.writers, *facts.command_senders, *facts.listed_writers})
                ),
                granted=broker.granted_writers(name) if broker is not None else None,
                readers=facts.readers,
                events=tuple(sorted(events)),
                views=tuple(sorted((v.service.name, v.name) for v in facts.view_sources)),
                findings=tuple(sorted(codes.get(name, ()))),
            )
        )
    return tuple(out)
