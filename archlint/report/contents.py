"""What the HTML report shows, computed from a LintResult and the rules of its run. Pure:
no files, no processes, no HTML.

rows       the findings table: whom each finding involves
groups     the findings by root cause, in fix-first order
sections   a section per service, per topic and per context
teams      a row per team (the services' owner)
matrix     the context matrix
rule_docs  the table per rule and every rule's page
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from archlint.catalogue import RuleSpec
from archlint.diagram.context_map import context_map
from archlint.diagram.elements import Diagram
from archlint.engine import LintResult
from archlint.findings import Finding, Pointers, pointed_at
from archlint.impact import BlastRadii, blast_radii
from archlint.model import Service
from archlint.report.data import BlastRow, FindingRow, Report
from archlint.report.groups import grouped
from archlint.report.matrix import build_matrix
from archlint.report.rows import finding_rows
from archlint.report.rule_docs import by_rule, rule_docs
from archlint.report.sections import (
    codes_by_interaction,
    context_sections,
    service_section,
    topic_sections,
)
from archlint.report.teams import team_of, team_rows
from archlint.report.writers import writer_rows


def build_report(
    result: LintResult,
    rules: Mapping[str, RuleSpec],
    title: str = "archlint report",
    map_diagram: Diagram | None = None,
) -> Report:
    """The report's content from a LintResult and every rule of the run by code (built-in
    and custom); `map_diagram`: its context map, where already drawn."""
    interactions, findings, estate = result.interactions, result.findings, result.estate
    service_names = tuple(s.name for s in estate.services)
    context_names = estate.context_names
    service_index = {n: i for i, n in enumerate(service_names)}
    context_index = {c: i for i, c in enumerate(context_names)}
    anchors, context_anchors = _anchors(service_index, "s-"), _anchors(context_index, "ctx-")
    pointers = [pointed_at(f, interactions) for f in findings]
    radii = blast_radii(interactions)
    rows = grouped(_with_impact(
        finding_rows(findings, pointers, interactions, service_index, context_index),
        pointers, radii, estate.services,
    ), pointers, interactions)  # fmt: skip
    blast = tuple(_blast_row(s, anchors[s.name], radii) for s in estate.services)
    per_service = Counter(service_names[i] for row in rows for i in row.services)
    per_context = Counter(context_names[i] for row in rows for i in row.contexts)
    codes = codes_by_interaction(findings, pointers)
    sections = tuple(
        service_section(interactions, s, (b.anchor, context_anchors[s.context]), codes,
                        per_service[s.name], (b.fails, b.delayed))
        for s, b in zip(estate.services, blast, strict=True)
    )  # fmt: skip
    return Report(
        title=title,
        passed=not result.failed,
        fail_on=result.fail_on,
        counts=result.counts,
        by_rule=by_rule(findings),
        files=estate.files,
        topics=len(interactions.topics),
        findings=rows,
        services=sections,
        contexts=context_sections(interactions, context_anchors, per_context),
        rules=rule_docs(rules.values(), Counter(f.code for f in findings)),
        service_names=service_names,
        context_names=context_names,
        anchors=anchors,
        blast=blast,
        top_outages=top_outages(blast),
        writers=writer_rows(interactions),
        sources=estate.sources,
        baseline=result.baseline,
        baselined=result.baselined,
        teams=team_rows(interactions, rows),
        topic_sections=topic_sections(interactions, _codes_by_topic(findings, pointers)),
        matrix=build_matrix(
            map_diagram or context_map(interactions, findings),
            interactions,
            rows,
            context_index,
            service_index,
        ),
    )


TOP = 10


def _anchors(index: Mapping[str, int], prefix: str) -> dict[str, str]:
    return {name: f"{prefix}{i}" for name, i in index.items()}


def _codes_by_topic(
    findings: Sequence[Finding], pointers: Sequence[Pointers]
) -> dict[str, set[str]]:
    """Topic -> the codes of the findings that point at it."""
    out: dict[str, set[str]] = {}
    for f, points in zip(findings, pointers, strict=True):
        for topic in points.topics:
            out.setdefault(topic, set()).add(f.code)
    return out


def _blast_row(service: Service, anchor: str, radii: BlastRadii) -> BlastRow:
    radius = radii.services[service.name]
    return BlastRow(
        service.name, anchor, service.context, radius.fails, radius.delayed, team_of(service.owner)
    )


def top_outages(blast: Sequence[BlastRow]) -> tuple[BlastRow, ...]:
    """The services whose outage takes down the most others (then delays the most), at
    most ten, and only those that take anything with them."""
    ranked = sorted(blast, key=lambda b: (-b.fails, -b.delayed, b.name))
    return tuple(b for b in ranked if b.fails or b.delayed)[:TOP]


def _with_impact(
    rows: Sequence[FindingRow],
    pointers: Sequence[Pointers],
    radii: BlastRadii,
    services: Sequence[Service],
) -> tuple[FindingRow, ...]:
    """Each row with the largest blast radius among the services it involves and the
    topics it points at, and the teams that own those services."""
    service_names = [s.name for s in services]
    out = []
    for row, points in zip(rows, pointers, strict=True):
        sizes = [radii.services[service_names[i]].size for i in row.services]
        sizes += [radii.topics.get(t, 0) for t in points.topics]
        teams = tuple(sorted({team_of(services[i].owner) for i in row.services}))
        out.append(replace(row, impact=max(sizes, default=0), teams=teams))
    return tuple(out)
