"""What a change does to the architecture: the diff of two estates (pure).

    diff = diff_estates(base_interactions, head_interactions, base_findings, head_findings)

Architecture changes (services, writers, owners, consumers, event types, calls, views), the
findings introduced and fixed, and the availability of every service with an `slo` where it
changed. The shell (archlint.revisions, archlint.api) reads the two sides; the formats of
`archlint diff` render the EstateDiff.

model         Change, AvailabilityChange, EstateDiff
architecture  the ledgers of each side and what differs between them
matching      findings matched by identity
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from archlint.changes.architecture import (
    ledger_changes,
    ledgers_of,
    owner_changes,
    renames,
    service_changes,
)
from archlint.changes.estate_diff import BASE, HEAD, KINDS, AvailabilityChange, Change, EstateDiff
from archlint.changes.matching import match_findings
from archlint.checks.sy003_availability_below_slo import TOLERANCE, availability_products
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import Registry

__all__ = [
    "BASE",
    "HEAD",
    "KINDS",
    "AvailabilityChange",
    "Change",
    "EstateDiff",
    "architecture_changes",
    "availability_changes",
    "diff_estates",
]


def architecture_changes(base: Interactions, head: Interactions) -> tuple[Change, ...]:
    """Every architecture change from `base` to `head`, each once, sorted."""
    renamed = renames(base, head)

    def rename(name: str) -> str:
        return renamed.get(name, name)

    ledgers = (ledgers_of(base, rename), ledgers_of(head, str))
    found = [
        *service_changes(base, head, renamed, ledgers),
        *ledger_changes(*ledgers),
        *owner_changes(base, head, rename),
    ]
    return tuple(sorted(found, key=Change.sort_key))


def _products(interactions: Interactions, assumed: float) -> Mapping[str, tuple[float, float]]:
    """Service -> (slo, computed availability) for every service with an slo."""
    return {
        p.service.name: (p.service.slo or 0.0, p.percent)
        for p in availability_products(interactions, assumed)
    }


def availability_changes(
    base: Interactions, head: Interactions, assumed: float = 100.0
) -> tuple[AvailabilityChange, ...]:
    """Services with an slo on either side whose computed availability (SY003's product, with
    undeclared availabilities counted as `assumed`) is not the same on both, by name."""
    renamed = renames(base, head)
    before = {renamed.get(k, k): v for k, v in _products(base, assumed).items()}
    after = _products(head, assumed)
    found = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        old_value, new_value = (old[1] if old else None), (new[1] if new else None)
        both = old_value is not None and new_value is not None
        if both and abs((old_value or 0.0) - (new_value or 0.0)) <= TOLERANCE:
            continue
        slo = (new or old or (0.0, 0.0))[0]
        found.append(AvailabilityChange(name, slo, old_value, new_value))
    return tuple(found)


def diff_estates(
    base: Interactions,
    head: Interactions,
    base_findings: Sequence[Finding],
    head_findings: Sequence[Finding],
    *,
    assumed_availability: float = 100.0,
    fail_on_new: str = "error",
    base_side: Mapping[str, object] | None = None,
    head_side: Mapping[str, object] | None = None,
    rules: Registry | None = None,
) -> EstateDiff:
    """The whole difference from `base` to `head`: what a pull request changes."""
    introduced, fixed, unchanged = match_findings(base_findings, head_findings)
    return EstateDiff(
        changes=architecture_changes(base, head),
        introduced=introduced,
        fixed=fixed,
        unchanged=unchanged,
        availability=availability_changes(base, head, assumed_availability),
        fail_on_new=fail_on_new,
        base=dict(base_side or {}),
        head=dict(head_side or {}),
        rules=rules,
    )
