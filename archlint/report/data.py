"""What the HTML report shows: plain values that the template (templates/report.html.j2)
only lays out. Built by archlint.report.contents; the diagrams are drawn by
archlint.report.diagrams.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archlint.findings import SEVERITIES

if TYPE_CHECKING:
    from archlint.report.matrix import Matrix


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
    impact: int = 0  # the blast radius of what it is about: "order by impact" puts it first
    teams: tuple[str, ...] = ()  # the owners of the services involved, sorted
    group: int = 0  # its root cause's group (archlint.report.groups), numbered fix first
    group_size: int = 1  # the findings of that group
    subject: str = ""  # what the group is about: "topic NAME", "call A → B", or ""
    touches: int = 0  # how many services the subject touches
    fix_order: int = 0  # its place in the fix-first order


@dataclass(frozen=True)
class BlastRow:
    """A service's blast radius: how many services fail with it, how many run late."""

    name: str
    anchor: str
    context: str
    fails: int
    delayed: int
    team: str = ""  # its owner


@dataclass(frozen=True)
class TeamRow:
    """A team (the services' `metadata.owner`): its services, the findings that involve
    them, and (team, interactions) for each other team its services depend on."""

    name: str
    services: tuple[str, ...]
    findings: int
    depends_on: tuple[tuple[str, int], ...]


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
    title: str | None = None  # the input's own id, where the name is a slug of it
    blast: tuple[int, int] = (0, 0)  # its blast radius: services that fail with it, delayed


@dataclass(frozen=True)
class TopicSection:
    """A topic: who owns, writes and reads it, what flows on it, the views built from it."""

    name: str
    anchor: str
    context: str  # its owner's context; "" for a topic nobody owns
    owner: str | None
    writers: tuple[str, ...]  # declared: producers, command senders, its document's `writers`
    granted: tuple[str, ...] | None  # the broker's write grants; None without broker config
    readers: tuple[str, ...]
    events: tuple[str, ...]  # every event type written, read or documented on it, sorted
    views: tuple[tuple[str, str], ...]  # (service, view) built from it
    findings: tuple[str, ...]  # the codes of the findings about it, sorted


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
class WriterRow:
    """A topic's declared writers (producers, command senders, its Topic's `writers`) beside
    the services a broker write grant lets write it."""

    topic: str
    declared: tuple[str, ...]
    granted: tuple[str, ...]
    differs: bool
    teams: tuple[str, ...] = ()  # the owners of those writers, sorted


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
    blast: tuple[BlastRow, ...] = ()  # every service, by name
    top_outages: tuple[BlastRow, ...] = ()  # the ten whose outage takes down the most others
    writers: tuple[WriterRow, ...] = ()  # per topic, where the estate has broker configuration
    sources: tuple[tuple[str, int], ...] = ()  # (input, services), where inputs are mixed
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings it accepted, not shown (as `archlint lint` says)
    matrix: Matrix | None = None  # the context matrix
    teams: tuple[TeamRow, ...] = ()  # by name
    topic_sections: tuple[TopicSection, ...] = ()  # by name
    generated: str = ""  # when the report was made (ISO 8601), where known
    commit: str = ""  # the commit of the estate's repository, where known
    source_url: str | None = None  # the template of a finding's link to its source line

    @property
    def severities(self) -> tuple[str, ...]:
        return SEVERITIES


def rule_anchor(code: str) -> str:
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "_", code)
