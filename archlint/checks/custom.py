"""Custom rules: the configuration's declarative rules, which forbid or require interactions
without writing Python (as Spectral rulesets and ArchUnit rules do for their domains).

A custom rule becomes a Rule like the built-in ones (`as_rule`): it goes through the same
registry, selection, severities, suppressions, `explain`, SARIF and report. Its check reads
the interaction index like every other. The configuration's syntax is parsed by
archlint.config.custom_rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import partial

from archlint.catalogue import OptionValue, RuleSpec
from archlint.checks._wording import service_location
from archlint.findings import Finding
from archlint.interactions import COMMAND, QUERY, TOPIC_COMMAND, Interaction, Interactions
from archlint.model import Service
from archlint.registry import CALLER, Rule

# What a custom rule's `kind` matches: an interaction kind, or `call` for any command or query.
KINDS: Mapping[str, frozenset[str]] = {
    "produces": frozenset({"produces"}),
    "consumes": frozenset({"consumes"}),
    "command": frozenset({COMMAND, TOPIC_COMMAND}),
    "query": frozenset({QUERY}),
    "call": frozenset({COMMAND, TOPIC_COMMAND, QUERY}),
}


@dataclass(frozen=True)
class CustomRule:
    code: str
    slug: str
    severity: str
    message: str
    mode: str  # forbid | require
    kind: str  # a key of KINDS
    source: Mapping[str, str]  # selector of the service an interaction starts at
    target: Mapping[str, str]  # selector of the service or topic it ends at
    name: str | None  # glob on the command/query name or an event type
    cross_context: bool | None

    def describe(self) -> str:
        """What the rule matches, in words, for its page."""
        parts = [f"{self.mode} {self.kind}"]
        for word, selector in (("from", self.source), ("to", self.target)):
            if selector:
                parts.append(word + " " + ", ".join(f"{k} {v}" for k, v in selector.items()))
        if self.name is not None:
            parts.append(f"named {self.name}")
        if self.cross_context is not None:
            parts.append("across contexts" if self.cross_context else "inside one context")
        return " ".join(parts)


def as_rule(custom: CustomRule) -> Rule:
    """The rule a custom rule is: its page made from the configuration, and its check."""
    spec = RuleSpec(
        code=custom.code,
        slug=custom.slug,
        severity=custom.severity,
        summary=custom.message,
        what=f"A custom rule from the configuration: {custom.describe()}.",
        entities=("service", "target") if custom.mode == "forbid" else ("service",),
        reads=("produces", "consumes", "commands", "queries"),
        custom=True,
    )
    return Rule(spec, partial(check, custom), CALLER)  # findings of a service and its calls


def _service_matches(selector: Mapping[str, str], service: Service | None) -> bool:
    if service is None:
        return not selector
    return (
        fnmatchcase(service.name, selector.get("service", "*"))
        and fnmatchcase(service.context, selector.get("context", "*"))
        and ("tag" not in selector or any(fnmatchcase(t, selector["tag"]) for t in service.tags))
    )


def _target_matches(rule: CustomRule, interaction: Interaction) -> bool:
    if interaction.to_topic:
        # a service selector never matches a topic
        return not set(rule.target) - {"topic"} and fnmatchcase(
            interaction.target, rule.target.get("topic", "*")
        )
    if "topic" in rule.target:
        return False
    target = interaction.target_service
    return _service_matches(rule.target, target) if target is not None else not rule.target


def matches(rule: CustomRule, interaction: Interaction) -> bool:
    if interaction.kind not in KINDS[rule.kind] or not _target_matches(rule, interaction):
        return False
    if rule.name is not None and not any(fnmatchcase(n, rule.name) for n in interaction.names):
        return False
    if rule.cross_context is not None:
        if interaction.target_service is None:
            return False
        return interaction.crosses_context == rule.cross_context
    return True


def check(
    rule: CustomRule, interactions: Interactions, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    for service in interactions.estate.services:
        if not _service_matches(rule.source, service):
            continue
        matching = [i for i in interactions.by_service[service.name] if matches(rule, i)]
        if rule.mode == "forbid":
            for i in matching:
                yield Finding(
                    rule.code,
                    f"{rule.message} ({service.name} {_verb(i)} '{i.target}')",
                    i.location,
                    {"service": service.name, "target": i.target},
                )
        elif not matching:
            yield Finding(
                rule.code,
                f"{rule.message} ({service.name} has no such {rule.kind})",
                service_location(service),
                {"service": service.name},
            )


def _verb(interaction: Interaction) -> str:
    """The word the configuration uses for an interaction's kind."""
    return "command" if interaction.kind == TOPIC_COMMAND else interaction.kind
