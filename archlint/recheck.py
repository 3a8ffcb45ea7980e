"""Checking again after a few documents changed: each rule runs again only where the change
reaches, and the findings of the previous run stand everywhere else.

What a rule's findings depend on is its scope (archlint.registry, declared by each check
module). The documents of the changed files, before and after, name services and topics:
- a TOPIC rule runs again on those topics, with every service that names one of them;
- a CALLER rule on the calls of the changed services and of every service calling one
  (NAMES: of every service with a call to an unknown name too, when a name came or went);
- a SYNC rule keeps its findings while what the changed services call and promise stays
  the same, else runs again on every synchronous call (`Interactions(estate,
  calls_only=True)`: a few thousand of the estate's tens of thousands of interactions);
- an ESTATE rule can only run on the whole estate: there is no recheck.
The index of part of the estate (`Interactions(estate, services, topics)`) is whole for
those topics and calls, which is all these rules read of it there. tests/test_cache_
incremental.py checks, under random edits, that the result is what a whole run finds.
Pure: the cache (archlint.cache) hands in both estates and the paths that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from archlint.config.settings import Config
from archlint.engine import Checked, finish, rule_findings, rules_run
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.model import Estate
from archlint.registry import CALLER, ESTATE, NAMES, SYNC, TOPIC, Registry


@dataclass(frozen=True)
class Change:
    """What changed documents name: the services declared in them and the topics they name
    (a Topic document's, and every topic of a changed service), before or after; whether a
    service name came or went."""

    services: frozenset[str]
    topics: frozenset[str]
    renamed: bool

    @staticmethod
    def between(before: Estate, after: Estate, paths: Collection[str]) -> Change:
        services: set[str] = set()
        topics: set[str] = set()
        for estate in (before, after):  # a scan: cheaper than indexing every document by path
            for service in estate.services:
                if service.path in paths:
                    services.add(service.name)
                    topics |= service.topic_names
            topics.update(t.name for t in estate.topics if t.path in paths)
        renamed = any((n in before.service) != (n in after.service) for n in services)
        return Change(frozenset(services), frozenset(topics), renamed)


def recheck(
    before: tuple[Estate, Checked],
    after: tuple[Estate, tuple[Finding, ...]],
    paths: Collection[str],
    registry: Registry,
    config: Config,
) -> tuple[Checked, list[Finding]] | None:
    """What the rules find on `after` (its estate and its loader's findings), from what they
    found on `before`, when only the files `paths` changed (added, edited or removed), and
    the run's findings, as engine.check_all gives them; None where a rule's findings there
    can only come from a run on the whole estate."""
    (old, checked), (estate, loaded) = before, after
    ran = rules_run(registry, config, estate)
    codes = {c for c in ran if registry.rules[c].check is not None}
    if codes != set(checked.by_rule):
        return None
    scopes = {code: registry.rules[code].scope for code in codes}
    if ESTATE in scopes.values():
        return None
    change = Change.between(old, estate, frozenset(paths))
    unknown_callers = _unknown_callers(checked, scopes) if change.renamed else set()
    services, callers = _around(estate, change, unknown_callers)
    part = Interactions(estate, services, change.topics)
    by_rule = dict(rule_findings(part, registry, config, [c for c in codes if scopes[c] != SYNC]))
    synchronous = [c for c in codes if scopes[c] == SYNC]
    if synchronous and _same_sync(old, estate, change.services):
        by_rule.update((code, checked.by_rule[code]) for code in synchronous)
    elif synchronous:  # the whole call graph, which is a small part of the estate
        calls = Interactions(estate, calls_only=True)
        by_rule.update(rule_findings(calls, registry, config, synchronous))
    for code in sorted(codes):
        if scopes[code] == SYNC:
            continue
        stale = _stale(scopes[code], change, callers)
        merged = [f for f in checked.by_rule[code] if not stale(f)]
        merged += [f for f in by_rule[code] if stale(f)]
        by_rule[code] = tuple(merged)
    checked_again = Checked(loaded, dict(sorted(by_rule.items())))
    return checked_again, finish(estate, checked_again, registry, config, ran)


def _around(
    estate: Estate, change: Change, also: Collection[str]
) -> tuple[set[str], frozenset[str]]:
    """The services whose interactions the recheck derives: the changed ones, every one
    naming a changed topic or calling a changed service, and `also`; and the callers among
    them (with the changed ones): the services a CALLER rule's findings may change for."""
    topics, changed = change.topics, change.services
    services = {n for n in (*changed, *also) if n in estate.service}
    callers = set(changed)
    for service in estate.services:
        if any(c.to in changed for c in service.calls):
            callers.add(service.name)
            services.add(service.name)
        elif service.name not in services and not topics.isdisjoint(service.topic_names):
            services.add(service.name)
    return services, frozenset(callers)


def _stale(scope: str, change: Change, callers: frozenset[str]) -> Callable[[Finding], bool]:
    """Whether a finding of a rule of `scope` may have changed, so is found again."""
    if scope == TOPIC:
        return lambda f: f.entities.get("topic") in change.topics
    if scope == NAMES and change.renamed:  # a did-you-mean may name the new service
        return lambda f: True
    assert scope in (CALLER, NAMES)
    return lambda f: f.entities.get("service") in callers or "service" not in f.entities


def _unknown_callers(checked: Checked, scopes: Mapping[str, str]) -> set[str]:
    """The services a NAMES rule found calling an unknown name: when a name came or went,
    its findings on them are found again (their did-you-mean may change)."""
    return {
        str(f.entities["service"])
        for code, scope in scopes.items()
        if scope == NAMES
        for f in checked.by_rule[code]
        if "service" in f.entities
    }


def _same_sync(before: Estate, after: Estate, services: Iterable[str]) -> bool:
    """Whether the changed services call and promise the same as before (SYNC scope)."""
    return all(_sync_facts(before, n) == _sync_facts(after, n) for n in services)


def _sync_facts(estate: Estate, name: str) -> tuple[object, ...] | None:
    service = estate.service.get(name)
    if service is None:
        return None
    calls = tuple((c.kind, c.name, c.to, c.location) for c in service.calls if c.to is not None)
    return (service.location, service.availability, service.slo, service.slo_location, calls)
