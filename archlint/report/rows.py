"""The findings table of the report: one row per finding, with every service and context it
involves, from what the finding points at (archlint.findings.pointed_at) and the service
whose document it lies in. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from archlint.findings import Finding, Pointers
from archlint.interactions import Interactions
from archlint.model import Service
from archlint.report.data import FindingRow


def involved(
    finding: Finding, pointers: Pointers, interactions: Interactions
) -> tuple[str, tuple[str, ...]]:
    """The service a finding is mainly about ("" for none), and every declared service it
    involves, sorted: the service whose document it lies in (the main one), the services
    it points at (both ends of a call, the service of any other interaction), and for a
    finding about a topic alone the topic's owner, or else its writers."""
    estate = interactions.estate
    known = estate.service
    document = estate.document_at(finding.location)
    located = document.name if isinstance(document, Service) else None
    pointed = [*pointers.services]
    for i in pointers.interactions:
        pointed.append(i.service.name)
        if i.target_service is not None:
            pointed.append(i.target)
    names = {n for n in pointed if n in known}
    if located is not None:
        names.add(located)
    if not names:
        for topic in pointers.topics:
            facts = interactions.topics.get(topic)
            if facts is None:
                continue
            owner = facts.owner
            names.update([owner] if owner is not None and owner in known else facts.writers)
    ordered = tuple(sorted(names))
    primary = located or next((n for n in pointed if n in known), ordered[0] if ordered else "")
    return primary, ordered


def finding_rows(
    findings: Sequence[Finding],
    pointers: Sequence[Pointers],
    interactions: Interactions,
    service_index: Mapping[str, int],
    context_index: Mapping[str, int],
) -> tuple[FindingRow, ...]:
    """One row per finding, numbered in output order."""
    known = interactions.estate.service
    rows = []
    for number, (f, points) in enumerate(zip(findings, pointers, strict=True), start=1):
        primary, names = involved(f, points, interactions)
        contexts = sorted({known[n].context for n in names})
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
                context=known[primary].context if primary else "",
                services=tuple(service_index[n] for n in names),
                contexts=tuple(context_index[c] for c in contexts),
            )
        )
    return tuple(rows)
