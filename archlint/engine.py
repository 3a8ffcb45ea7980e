"""The engine: runs the enabled rules on an estate's interactions and applies the
configuration: `rule_findings` runs the rules, `finish` makes a run's findings of theirs
(what a check again after a change merges first, archlint.recheck).

It fills each finding's slug and severity, applies `spec.ignore` suppressions (reporting
unused ones as AL005), and sorts. Pure: no files, no output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from typing import Any

from archlint.config.selection import enabled, options_of, severity_of
from archlint.config.settings import Config, ConfigError
from archlint.findings import SEVERITY_RANK, Finding
from archlint.interactions import Interactions
from archlint.model import Estate, Location, Service, Suppression
from archlint.registry import LOADER_CODES, UNUSED_SUPPRESSION, Registry, UnknownRule


@dataclass(frozen=True)
class LintResult:
    """What one lint run found, in output order, and what it was run on."""

    estate: Estate
    findings: tuple[Finding, ...]
    fail_on: str = "error"
    stale: tuple[dict[str, Any], ...] = ()  # baseline entries that matched nothing (as JSON)
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings the baseline accepted (not in `findings`)
    rules: Registry | None = None  # the rules of the run (None: the built-in ones)
    # what a catalog input inferred, where (context from the owner, a definition not read):
    # `--show-files` lists them; a replayed run has none
    notes: Mapping[Location, str] = field(default_factory=dict)
    # what the rules found before suppressions, for a check again after a few documents
    # changed (archlint.cache); None for a replayed run
    checked: Checked | None = field(default=None, repr=False, compare=False)
    index: InitVar[Interactions | None] = None

    def __post_init__(self, index: Interactions | None) -> None:
        if index is not None:  # the interactions the checks read, kept for the diagrams
            self.__dict__["interactions"] = index

    @cached_property
    def interactions(self) -> Interactions:
        """The estate's interactions (built on first use: a replayed run needs none)."""
        return Interactions(self.estate)

    def replaced(self, **changes: Any) -> LintResult:
        """The result with `changes` (dataclasses.replace), keeping its interactions if they
        were built (a replayed run's never are: building them would cost a whole check)."""
        return dataclasses.replace(self, **changes, index=self.__dict__.get("interactions"))

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


@dataclass(frozen=True)
class Checked:
    """What a run found before the configuration's suppressions: what a check again after a
    few documents changed starts from (archlint.recheck)."""

    loaded: tuple[Finding, ...]  # every problem the loader reported, whatever rules run
    by_rule: Mapping[str, tuple[Finding, ...]]  # each rule that ran: what its check yielded


def rules_run(registry: Registry, config: Config, estate: Estate) -> frozenset[str]:
    """The codes of the rules a run of `config` on `estate` runs (ConfigError: see below)."""
    return _broker_gate(frozenset(enabled(config, registry)), config, estate)


def rule_findings(
    interactions: Interactions, registry: Registry, config: Config, codes: Iterable[str]
) -> dict[str, tuple[Finding, ...]]:
    """What each of the rules `codes` yields on `interactions` (rules without a check: none)."""
    found = {}
    for code in sorted(codes):
        rule = registry.rules[code]
        if rule.check is not None:
            found[code] = tuple(rule.check(interactions, options_of(config, rule.spec)))
    return found


def finish(
    estate: Estate, checked: Checked, registry: Registry, config: Config, ran: frozenset[str]
) -> list[Finding]:
    """The findings of a run: those of the rules that ran, a rule's knock-on findings left
    out, suppressed, with slug and severity, sorted."""
    raw = [f for f in checked.loaded if f.code in ran]
    for code in sorted(checked.by_rule):
        raw.extend(checked.by_rule[code])
    broken = any(s.broken for s in estate.services) or any(t.broken for t in estate.topics)
    if broken:  # else no finding is a knock-on
        raw = [f for f in raw if not _knock_on(f, estate, registry)]
    kept, unused = apply_suppressions(estate, raw, registry, ran)
    if UNUSED_SUPPRESSION in ran:
        kept.extend(unused)
    out = []
    for f in kept:
        spec = registry.spec(f.code)
        out.append(f.with_meta(spec.slug, severity_of(config, spec, registry)))
    return sorted(out, key=_total_order)


def _total_order(finding: Finding) -> tuple[object, ...]:
    """Output order: by place, code and message, then entities, so that the order never
    depends on the order the rules yielded findings in (a re-check merges two runs')."""
    return (*finding.sort_key(), repr(sorted(finding.entities.items())))


def check_all(
    interactions: Interactions,
    registry: Registry,
    config: Config = Config(),  # noqa: B008  an immutable value
    load_findings: Iterable[Finding] = (),
) -> tuple[Checked, list[Finding]]:
    """Every rule on the whole estate: what they found before suppressions, and the run's
    findings (as `run_checks`)."""
    ran = rules_run(registry, config, interactions.estate)
    checked = Checked(tuple(load_findings), rule_findings(interactions, registry, config, ran))
    return checked, finish(interactions.estate, checked, registry, config, ran)


def run_checks(
    interactions: Interactions,
    registry: Registry,
    config: Config = Config(),  # noqa: B008  an immutable value
    load_findings: Iterable[Finding] = (),
) -> list[Finding]:
    """Every finding of the enabled rules, with slug and severity, suppressed, sorted."""
    return check_all(interactions, registry, config, load_findings)[1]


BROKER_FAMILY = "BR"


def _knock_on(finding: Finding, estate: Estate, registry: Registry) -> bool:
    """A finding of a rule that reads a field its own document broke: the field failed the
    schema (AL002) and was left out of the model, so the finding would only tell the user to
    do what they did (a scalar `owns: orders` is not "add 'orders' to `owns`"). The fields
    a rule reads are on its page (`reads`)."""
    if finding.code in LOADER_CODES:
        return False
    broken = getattr(estate.document_at(finding.location), "broken", ())
    return bool(broken) and any(f in registry.spec(finding.code).reads for f in broken)


def _broker_gate(ran: frozenset[str], config: Config, estate: Estate) -> frozenset[str]:
    """The BR rules run only where broker configuration was found; selecting them for an
    estate that has none is a mistake the user must hear about (ConfigError, exit 2)."""
    if estate.broker is not None:
        return ran
    selected = sorted(c for c in config.select if c.startswith(BROKER_FAMILY) and c in ran)
    if selected:
        raise ConfigError(
            f"{', '.join(selected)} selected, but no broker configuration (Strimzi, kafka-acls, "
            "Terraform JSON, Dapr) was found under the paths: add it, or do not select them"
        )
    return frozenset(c for c in ran if not c.startswith(BROKER_FAMILY))


def apply_suppressions(
    estate: Estate, findings: Sequence[Finding], registry: Registry, ran: frozenset[str]
) -> tuple[list[Finding], list[Finding]]:
    """Drop findings a service's `spec.ignore` silences; return (kept, AL005 findings).

    A suppression covers the findings located in its service's own document. Loader
    problems (AL001..AL004) and AL005 are never suppressed there: the document that would
    excuse them is the broken one. An entry for a rule that did not run is not "unused".
    """
    if not any(s.ignore for s in estate.services):
        return list(findings), []
    meaning = _Meanings(registry)
    silenced = {
        s.name: {meaning.code(sup.rule) for sup in s.ignore} - LOADER_CODES
        for s in estate.services
        if s.ignore
    }
    used: set[tuple[str, str]] = set()  # (service, code)
    kept = []
    for f in findings:
        service = estate.document_at(f.location)
        if isinstance(service, Service) and f.code in silenced.get(service.name, ()):
            used.add((service.name, f.code))
            continue
        kept.append(f)
    unused = [
        finding
        for s in estate.services
        for sup in s.ignore
        if (finding := _unused(s, sup, meaning, ran, used)) is not None
    ]
    return kept, unused


class _Meanings:
    """What each `ignore` token names, and its did-you-mean, worked out once per distinct
    token: resolving and suggesting for every entry, thrice, made 100,000 entries take
    minutes."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._codes: dict[str, str | None] = {}
        self._hints: dict[str, str] = {}

    def code(self, token: str) -> str | None:
        """The one rule `token` names, or None (as Registry.resolve_one)."""
        if token not in self._codes:
            try:
                codes = self._registry.resolve(token)
            except UnknownRule as unknown:
                self._codes[token], self._hints[token] = None, unknown.hint
            else:
                self._codes[token] = codes[0] if len(codes) == 1 else None
        return self._codes[token]

    def hint(self, token: str) -> str:
        """The did-you-mean of a token that names no one rule (as Registry.suggest)."""
        if token not in self._hints:
            self._hints[token] = self._registry.suggest(token)
        return self._hints[token]


def _unused(
    service: Service,
    sup: Suppression,
    meaning: _Meanings,
    ran: frozenset[str],
    used: set[tuple[str, str]],
) -> Finding | None:
    """The AL005 finding of one `ignore` entry, or None where it did its job (or its rule
    did not run, so nobody can tell)."""
    code = meaning.code(sup.rule)
    if code is None:
        hint = meaning.hint(sup.rule)
        message = (
            f"suppression '{sup.rule}' names no rule{f' ({hint})' if hint else ''}: use a code "
            "or slug from `archlint rules`, or remove it"
        )
    elif code in LOADER_CODES:
        message = (
            f"loader problems ({code}) cannot be suppressed in `spec.ignore`, as the document "
            f"that would excuse them is the broken one: remove this entry, and fix the problem "
            f"or turn {code} off with `ignore` in the configuration"
        )
    elif code == UNUSED_SUPPRESSION:
        message = (
            f"{code} cannot be suppressed in `spec.ignore`: remove this entry, or turn {code} "
            "off with `ignore` in the configuration"
        )
    elif code not in ran or (service.name, code) in used:
        return None
    else:
        message = (
            f"suppression of {code} suppressed nothing in {service.name}: remove it "
            "(the problem it excused is gone)"
        )
    return Finding(UNUSED_SUPPRESSION, message, sup.location, {"service": service.name})
