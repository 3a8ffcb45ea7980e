"""What `lint` (and `diff --format sarif`) shows of many findings of one rule:
limits.findings-per-rule of them, and one AL006 finding that counts the rest (docs/limits.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from archlint.engine import LintResult
from archlint.findings import LIMIT, SEVERITY_RANK, Finding


def shown(result: LintResult, per_rule: int) -> LintResult:
    """The result as `lint` shows it: at most `per_rule` findings of each rule (the first, in
    output order), and for a rule with more one AL006 finding, at the first not shown, that
    counts them (at their highest severity, so that the run fails as it would have)."""
    kept = capped(result.findings, per_rule)
    if len(kept) == len(result.findings):
        return result
    return result.replaced(findings=kept)


def capped(findings: Sequence[Finding], per_rule: int) -> tuple[Finding, ...]:
    """At most `per_rule` findings of each rule, and one AL006 for each rule with more (as
    `shown`), in output order; `findings` itself when no rule has more."""
    counts = Counter(f.code for f in findings)
    if all(count <= per_rule for count in counts.values()):
        return tuple(findings)
    kept: list[Finding] = []
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        of_rule = by_rule.setdefault(finding.code, [])
        if len(of_rule) < per_rule:
            kept.append(finding)
        of_rule.append(finding)
    for code, found in sorted(by_rule.items()):
        if len(found) > per_rule:
            kept.append(_not_shown(code, found[per_rule:], per_rule))
    kept.sort(key=Finding.sort_key)
    return tuple(kept)


def _not_shown(code: str, rest: Sequence[Finding], per_rule: int) -> Finding:
    severity = max((f.severity for f in rest), key=SEVERITY_RANK.__getitem__)
    return Finding(
        code=LIMIT,
        message=(
            f"{len(rest)} more {code} findings are not shown (limits.findings-per-rule: "
            f"{per_rule}); fix the first ones, or raise the limit"
        ),
        location=rest[0].location,
        entities={"rule": code},
        slug="limit-exceeded",
        severity=severity,
    )
