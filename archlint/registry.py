"""The rules of one run: each rule's page joined with its check, built-in and custom alike.

Selection, severities, suppressions, `explain`, SARIF and the report all go through this
one registry, so a rule from the configuration (`custom-rules`) is a rule like any other.
Pure: the pages are read by the shell (archlint.rule_pages) and handed in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from archlint.catalogue import OptionValue, Ruleset, RuleSpec
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.similar import NameIndex

Check = Callable[[Interactions, Mapping[str, OptionValue]], Iterable[Finding]]

# What a rule's findings depend on, so that a check after a few documents changed runs the
# rule again only where the change reaches (archlint.recheck). Each check module says its own.
Scope = Literal["topic", "caller", "names", "sync", "estate"]
TOPIC: Final = "topic"  # each finding names a `topic`, and depends on that topic alone: its
#   facts in the index, its Topic document, and the services in them
CALLER: Final = "caller"  # each finding names a `service`, and depends on its manifest and
#   the services its calls name; or names none, and depends on a Topic document
NAMES: Final = "names"  # as CALLER, and on the name of every service (a did-you-mean)
SYNC: Final = "sync"  # the synchronous call graph and what each service promises (availability,
#   slo): the same findings while no service's calls or promises change
ESTATE: Final = "estate"  # anything in the estate (a broker rule): no recheck, a whole run

# Reported while loading (AL001..AL004, AL006 past a limit) or by the engine itself (AL005):
# no check of their own.
LOADER_CODES = frozenset({"AL001", "AL002", "AL003", "AL004", "AL006"})
UNUSED_SUPPRESSION = "AL005"


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    check: Check | None = None  # None: a loader rule, or AL005
    scope: Scope = ESTATE

    @property
    def code(self) -> str:
        return self.spec.code


class UnknownRule(KeyError):
    """A selector that names no rule; `hint` is a did-you-mean, or ''."""

    def __init__(self, token: str, hint: str) -> None:
        super().__init__(token)
        self.token, self.hint = token, hint


class Registry:
    """Code -> Rule, sorted by code, and the rulesets that set their severities."""

    def __init__(self, rules: Iterable[Rule], rulesets: Mapping[str, Ruleset]) -> None:
        self.rules: Mapping[str, Rule] = MappingProxyType(
            {r.code: r for r in sorted(rules, key=lambda r: r.code)}
        )
        self.rulesets: Mapping[str, Ruleset] = MappingProxyType(dict(sorted(rulesets.items())))

    def __contains__(self, code: object) -> bool:
        return code in self.rules

    def __iter__(self) -> Iterator[str]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def spec(self, code: str) -> RuleSpec:
        return self.rules[code].spec

    @property
    def specs(self) -> tuple[RuleSpec, ...]:
        return tuple(r.spec for r in self.rules.values())

    def with_rules(self, extra: Iterable[Rule]) -> Registry:
        """This registry and `extra` (the configuration's own rules)."""
        return Registry([*self.rules.values(), *extra], self.rulesets)

    def resolve(self, token: str) -> tuple[str, ...]:
        """The codes a selector names: ALL, a code (SW001), a slug, or a prefix (SW, S).

        Raises UnknownRule, with a did-you-mean where one is close."""
        token = token.strip()
        upper = token.upper()
        if upper == "ALL":
            return tuple(self.rules)
        if upper in self.rules:
            return (upper,)
        by_slug = tuple(c for c, r in self.rules.items() if r.spec.slug == token.lower())
        if by_slug:
            return by_slug
        by_prefix = tuple(c for c in self.rules if c.startswith(upper)) if upper.isalnum() else ()
        if by_prefix:
            return by_prefix
        raise UnknownRule(token, self.suggest(token))

    def resolve_one(self, token: str) -> str | None:
        """The one rule a token names (a code or slug), or None when it names none or many."""
        try:
            codes = self.resolve(token)
        except UnknownRule:
            return None
        return codes[0] if len(codes) == 1 else None

    @functools.cached_property
    def _names(self) -> NameIndex:
        """Codes and slugs, indexed once for `suggest` (difflib's default cutoff)."""
        return NameIndex([*self.rules, *(r.spec.slug for r in self.rules.values())])

    def suggest(self, token: str) -> str:
        close = self._names.closest(token.strip())
        if close is not None:
            return f"did you mean {close!r}?"
        family = sorted(c for c in self.rules if c[:2] == token.strip().upper()[:2])
        if family:  # SW999: the rules of its family
            return f"did you mean one of {', '.join(family)}?"
        return ""


def builtin_registry(
    pages: Iterable[RuleSpec],
    rulesets: Mapping[str, Ruleset],
    checks: Mapping[str, Check],
    scopes: Mapping[str, Scope] = {},
) -> Registry:
    """The built-in rules: every page, with its check and scope where it has one."""
    return Registry(
        (Rule(spec, checks.get(spec.code), scopes.get(spec.code, ESTATE)) for spec in pages),
        rulesets,
    )
