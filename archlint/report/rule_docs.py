"""The report's rules: the table of findings per rule and a page for every rule of the run,
built-in or custom alike, from its RuleSpec. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from archlint.catalogue import RuleSpec
from archlint.findings import Finding
from archlint.report.data import RuleDoc, rule_anchor


def by_rule(findings: Sequence[Finding]) -> tuple[tuple[str, str, str, int], ...]:
    """(code, slug, severity, findings) per rule that found something, most findings first."""
    per_rule = Counter(f.code for f in findings)
    slug_of = {f.code: f.slug for f in findings}
    severity_of = {f.code: f.severity for f in findings}
    rows = ((code, slug_of[code], severity_of[code], n) for code, n in per_rule.items())
    return tuple(sorted(rows, key=lambda r: (-r[3], r[0])))


def rule_docs(specs: Iterable[RuleSpec], counts: Mapping[str, int]) -> tuple[RuleDoc, ...]:
    """A page per rule, by code; `counts`: code -> findings of the rule in the report."""
    docs = (
        RuleDoc(
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
            count=counts.get(spec.code, 0),
            custom=spec.custom,
        )
        for spec in specs
    )
    return tuple(sorted(docs, key=lambda r: r.code))
