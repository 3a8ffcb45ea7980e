"""What a diff is made of: one architecture change, one changed availability, and the whole
difference between two estates with the findings of each side.

Pure values, sorted as the JSON output contract ("Diff output" in DESIGN.md) lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.findings import SEVERITIES, SEVERITY_RANK, Finding
from archlint.model import Location
from archlint.registry import Registry

BASE = "base"
HEAD = "head"

# Every change kind, in the order changes are listed (and the contract names them).
KINDS: tuple[str, ...] = (
    "service-added",
    "service-removed",
    "service-renamed",
    "service-moved",
    "service-changed",
    "writer-added",
    "writer-removed",
    "owner-changed",
    "consumer-added",
    "consumer-removed",
    "event-added",
    "event-removed",
    "call-added",
    "call-removed",
    "topic-command-added",
    "topic-command-removed",
    "view-added",
    "view-removed",
)
KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

FieldValue = str | bool | float | None | tuple[Mapping[str, str], ...]


@dataclass(frozen=True)
class Change:
    """One change to the architecture: its kind, the entities it names (as findings do, in
    the contract's key order), and where it is, on the side where it exists."""

    kind: str
    fields: tuple[tuple[str, FieldValue], ...]
    side: str  # BASE or HEAD
    location: Location | None

    def get(self, key: str) -> FieldValue:
        return dict(self.fields).get(key)

    def sort_key(self) -> tuple[int, tuple[str, ...], str, int]:
        names = tuple("" if v is None else str(v) for _, v in self.fields)
        loc = self.location or Location("", 0, 0)
        return (KIND_RANK[self.kind], names, loc.path, loc.line)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind}
        for key, value in self.fields:
            out[key] = [dict(v) for v in value] if isinstance(value, tuple) else value
        out["side"] = self.side
        out["path"] = self.location.path if self.location else ""
        out["line"] = self.location.line if self.location else 0
        return out


@dataclass(frozen=True)
class AvailabilityChange:
    """A service with an `slo` whose computed availability (SY003's product) changed; None
    on a side where it does not exist or promises no slo."""

    service: str
    slo: float
    before: float | None
    after: float | None

    def to_dict(self) -> dict[str, object]:
        return {
            "service": self.service,
            "slo": self.slo,
            "before": _rounded(self.before),
            "after": _rounded(self.after),
        }


def _rounded(value: float | None) -> float | None:
    """Percentages to 6 decimals: enough to see a change, free of float noise."""
    return None if value is None else round(value, 6)


def severity_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


@dataclass(frozen=True)
class EstateDiff:
    """Everything that differs between two estates, each list sorted."""

    changes: tuple[Change, ...]
    introduced: tuple[Finding, ...]  # findings of head that base does not have
    fixed: tuple[Finding, ...]  # findings of base that head no longer has
    unchanged: int  # findings on both sides
    availability: tuple[AvailabilityChange, ...]
    fail_on_new: str = "error"  # error, warning, info or never
    base: Mapping[str, object] = field(default_factory=dict)  # ref, commit, services
    head: Mapping[str, object] = field(default_factory=dict)
    rules: Registry | None = field(default=None, compare=False)  # the rules of the run

    @property
    def failed(self) -> bool:
        """Only what the change introduces fails a diff; existing findings never do."""
        if self.fail_on_new == "never":
            return False
        threshold = SEVERITY_RANK[self.fail_on_new]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.introduced)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    @property
    def summary(self) -> dict[str, object]:
        return {
            "changes": len(self.changes),
            "introduced": severity_counts(self.introduced),
            "fixed": severity_counts(self.fixed),
        }

    @property
    def empty(self) -> bool:
        return not (self.changes or self.introduced or self.fixed or self.availability)
