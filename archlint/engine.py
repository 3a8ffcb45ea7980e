"""The engine: runs the selected checks on an estate and applies the configuration.

It fills each finding's slug and severity, applies `spec.ignore` suppressions (reporting
unused ones as AL005), and sorts. Pure: no files, no output.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archlint.catalogue import load_catalogue, resolve_rule
from archlint.checks import load_checks
from archlint.config import Config
from archlint.custom_rules import check_custom_rules
from archlint.findings import SEVERITY_RANK, Finding
from archlint.graph import build_graph
from archlint.model import Estate, Service

UNUSED_SUPPRESSION = "AL005"
# Problems with the manifest file itself: a broken document cannot excuse itself.
LOADER_CODES = frozenset({"AL001", "AL002", "AL003", "AL004"})


@dataclass(frozen=True)
class LintResult:
    """What one lint run found, in output order, and what it was run on."""

    estate: Estate
    findings: tuple[Finding, ...]
    fail_on: str = "error"
    stale: tuple[dict, ...] = field(default=())  # baseline entries that matched nothing
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings the baseline accepted (not in `findings`)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    @property
    def summary(self) -> dict[str, int]:
        return {**self.counts, "files": self.estate.files, "services": len(self.estate.services)}

    @property
    def failed(self) -> bool:
        if self.fail_on == "never":
            return False
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def run_checks(
    estate: Estate, load_findings: Iterable[Finding] = (), config: Config = Config()
) -> list[Finding]:
    """Every finding of the enabled rules, with slug and severity, suppressed, sorted."""
    catalogue = load_catalogue()
    enabled = set(config.enabled())
    checks = load_checks()
    raw = [f for f in load_findings if f.code in enabled]
    to_run = sorted(c for c in enabled if c in checks)
    if to_run:
        graph = build_graph(estate)
        for code in to_run:
            raw.extend(checks[code](estate, graph, config.options_of(catalogue[code])))
    custom = [r for r in config.custom_rules if r.code in enabled]
    if custom:
        raw.extend(check_custom_rules(estate, custom))
    kept, unused = apply_suppressions(estate, raw, config.custom_codes)
    if UNUSED_SUPPRESSION in enabled:
        kept.extend(unused)
    out = []
    for f in kept:
        spec = catalogue.get(f.code)
        if spec is None:  # a custom rule carries its own slug and severity
            out.append(f)
        else:
            out.append(f.with_meta(spec.slug, config.severity_of(spec)))
    return sorted(out, key=Finding.sort_key)


def apply_suppressions(
    estate: Estate, findings: Sequence[Finding], custom: Mapping[str, str] = {}
) -> tuple[list[Finding], list[Finding]]:
    """Drop findings a service's `spec.ignore` silences; return (kept, AL005 findings).

    A suppression covers the findings located in its service's own document: from the
    document's first line up to the next document of the same file. Loader problems
    (AL001..AL004) are never suppressed there: the document that would excuse them is the
    broken one.
    """
    services = [s for s in estate.services if s.ignore]
    if not services:
        return list(findings), []
    starts = _document_starts(estate)
    owner_of = {}  # (path, document start line) -> service with suppressions
    for s in services:
        owner_of[(s.path, s.location.line)] = s
    used: set[tuple[str, str]] = set()  # (service, code)
    codes_of = {s.name: {_code(sup.rule, custom): sup for sup in s.ignore} for s in services}
    kept = []
    for f in findings:
        service = None if f.code in LOADER_CODES else _service_at(f, starts, owner_of)
        if service is not None and f.code in codes_of[service.name]:
            used.add((service.name, f.code))
            continue
        kept.append(f)
    unused = []
    for s in services:
        for sup in s.ignore:
            code = _code(sup.rule, custom)
            if code is None:
                msg = (
                    f"suppression '{sup.rule}' names no rule; use a code or slug from "
                    "`archlint rules`, or remove it"
                )
            elif (s.name, code) not in used:
                msg = (
                    f"suppression of {code} suppressed nothing in {s.name}; remove it "
                    "(the problem it excused is gone)"
                )
            else:
                continue
            unused.append(Finding(UNUSED_SUPPRESSION, msg, sup.location, {"service": s.name}))
    return kept, unused


def _code(rule: str, custom: Mapping[str, str]) -> str | None:
    """The one rule a suppression names, by code or slug; None when it names none."""
    for code, slug in custom.items():
        if rule in (code, slug):
            return code
    try:
        codes = resolve_rule(rule)
    except KeyError:
        return None
    return codes[0] if len(codes) == 1 else None


def _document_starts(estate: Estate) -> dict[str, list[int]]:
    starts: dict[str, set[int]] = {}
    for item in (*estate.services, *estate.topics, *estate.contexts):
        starts.setdefault(item.path, set()).add(item.location.line)
    return {path: sorted(lines) for path, lines in starts.items()}


def _service_at(f: Finding, starts: dict[str, list[int]], owner_of: dict) -> Service | None:
    if f.location is None or f.location.path not in starts:
        return None
    lines = starts[f.location.path]
    i = bisect.bisect_right(lines, f.location.line) - 1
    if i < 0:
        return None
    return owner_of.get((f.location.path, lines[i]))
