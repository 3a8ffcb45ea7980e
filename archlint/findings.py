"""Findings: what a check reports, and the severities it can carry."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from archlint.interactions import Interaction, Interactions
from archlint.model import Location

SEVERITIES = ("error", "warning", "info")  # most severe first
LIMIT = "AL006"  # a file, document or value past one of the configured limits (docs/limits.md)
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

EntityValue = str | tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One problem. Checks fill code, message, location and entities; the engine fills
    slug and severity from the catalogue and the user's configuration.

    `entities` names what the finding is about (service, topic, ...) so that tools and
    baselines match findings without line numbers.
    """

    code: str
    message: str
    location: Location | None
    entities: Mapping[str, EntityValue] = field(default_factory=dict)
    slug: str = ""
    severity: str = "error"

    @property
    def path(self) -> str:
        return self.location.path if self.location else ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location or Location("", 0, 0)
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def with_meta(self, slug: str, severity: str) -> Finding:
        return replace(self, slug=slug, severity=severity)

    def identity(self) -> str:
        """A stable identity: code, entities and path, never the line number.

        Shared by SARIF fingerprints, GitLab fingerprints and the baseline.
        """
        return identity_of(self.code, self.path, self.entities)

    def to_dict(self) -> dict[str, object]:
        """The JSON output contract's shape of one finding."""
        loc = self.location
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "path": loc.path if loc else "",
            "line": loc.line if loc else 0,
            "column": loc.column if loc else 0,
            "entities": {
                k: list(v) if isinstance(v, tuple) else v for k, v in self.entities.items()
            },
        }


def identity_of(code: str, path: str, entities: Mapping[str, EntityValue | list[str]]) -> str:
    """The identity of a finding from its parts (a baseline entry has only these).

    `code|path|key=value|...`, entities by key; a list or tuple value joined with commas.
    """
    parts = [code, path]
    for key in sorted(entities):
        value = entities[key]
        if not isinstance(value, str):
            value = ",".join(value)
        parts.append(f"{key}={value}")
    return "|".join(parts)


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in order: a hash of its identity, unique within the run.

    Findings that share an identity (two problems of one entity-less rule in one file) are
    numbered in output order, so that SARIF and GitLab, which merge equal fingerprints,
    keep them apart; the number moves only when another finding of the same identity comes
    or goes, never with line numbers.
    """
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        identity = f.identity()
        seen[identity] = seen.get(identity, 0) + 1
        key = identity if seen[identity] == 1 else f"{identity}#{seen[identity]}"
        out.append(hashlib.sha256(key.encode("utf-8")).hexdigest())
    return out


# -- what a finding points at -------------------------------------------------------------------


@dataclass(frozen=True)
class Pointers:
    """What in the estate a finding is about, for diagrams and the report to emphasise:
    interactions (drawn as edges), topics and services (drawn as nodes)."""

    interactions: tuple[Interaction, ...] = ()
    topics: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


def _names(value: EntityValue | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def pointed_at(finding: Finding, interactions: Interactions) -> Pointers:
    """What a finding points at, from its entities and its location alone (one rule for
    every code, built-in or custom):

    - a set of `services` and no topic (a cycle): the synchronous calls among them;
    - a `chain` of services: the synchronous calls along it;
    - two ends, a service (`service` or `services`) and a `target` or `topic`, where the
      finding is located at an interaction: every interaction of that kind between them;
    - else one end: the `topic`, or else the `service` (or `target`).
    """
    e = finding.entities
    members = _names(e.get("services"))
    if "chain" in e:
        chain = _names(e["chain"])
        calls = [c for a, b in itertools.pairwise(chain) for c in interactions.between(a, b)]
        return Pointers(interactions=tuple(c for c in calls if c.synchronous))
    if members and "topic" not in e:
        inside = set(members)
        among = (c for m in members for c in interactions.by_service.get(m, ()))
        return Pointers(
            interactions=tuple(c for c in among if c.synchronous and c.target in inside)
        )
    ends = _names(e.get("service")) or members
    other = e.get("topic") or e.get("target")
    located = interactions.at(finding.location)
    if ends and isinstance(other, str) and located:
        kinds = {i.kind for i in located}
        found = tuple(
            i for end in ends for i in interactions.between(end, other) if i.kind in kinds
        )
        if found:
            return Pointers(interactions=found)
    if isinstance(e.get("topic"), str):
        return Pointers(topics=_names(e["topic"]))
    return Pointers(services=_names(e.get("service")) or _names(e.get("target")))
