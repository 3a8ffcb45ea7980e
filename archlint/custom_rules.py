"""Declarative rules from the configuration: forbid or require edges without writing Python.

```yaml
custom-rules:
  - code: ORG001                 # your own code: letters then digits, not a built-in one
    slug: no-queries-into-payments
    severity: error              # default error
    message: Nothing queries payments synchronously; subscribe to its events.
    forbid:                      # every matching edge is a finding
      kind: query                # produces | consumes | command | query | call (command or query)
      from: {context: "*"}       # the service the edge starts at: service, context, tag (globs)
      to: {context: payments}    # the target: service, context, tag -- or topic
      name: "Get*"               # optional glob on the command/query name or an event type
      cross-context: true        # optional: only edges between two contexts
  - code: ORG002
    slug: orders-consume-audit
    message: Every orders service must subscribe to the audit topic.
    require:                     # every `from` service lacking such an edge is a finding
      kind: consumes
      from: {context: orders}
      to: {topic: audit}
```

Pure: a function of the estate and the parsed rules, like every other check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from archlint.findings import SEVERITIES, Finding
from archlint.model import Estate, Location, Service

KINDS = ("produces", "consumes", "command", "query", "call")
SELECTOR_KEYS = ("service", "context", "tag", "topic")
EDGE_KEYS = ("kind", "from", "to", "name", "cross-context")
RULE_KEYS = ("code", "slug", "severity", "message", "forbid", "require")
CODE_PATTERN = re.compile(r"^[A-Z]+[0-9]+$")


class CustomRuleError(ValueError):
    pass


@dataclass(frozen=True)
class Edge:
    """One interaction of a service: `target` is a service or a topic name."""

    kind: str  # produces | consumes | command | query
    source: Service
    target: str
    target_is_topic: bool
    names: tuple[str, ...]  # command/query name, or event types ((): unspecified)
    location: Location


@dataclass(frozen=True)
class CustomRule:
    code: str
    slug: str
    severity: str
    message: str
    mode: str  # forbid | require
    kind: str
    source: Mapping[str, str]
    target: Mapping[str, str]
    name: str | None
    cross_context: bool | None


def parse_custom_rules(
    raw: Sequence[Mapping[str, Any]], builtin_codes: Sequence[str]
) -> tuple[CustomRule, ...]:
    rules = []
    seen = set(builtin_codes)
    for i, item in enumerate(raw):
        where = f"custom-rules[{i}]"
        _only(item, RULE_KEYS, where)
        code = str(item.get("code", ""))
        if not CODE_PATTERN.match(code):
            raise CustomRuleError(f"{where}: 'code' must be letters then digits, such as ORG001")
        if code in seen:
            raise CustomRuleError(f"{where}: code {code} is already taken; choose another")
        seen.add(code)
        modes = [m for m in ("forbid", "require") if m in item]
        if len(modes) != 1:
            raise CustomRuleError(f"{where}: give exactly one of 'forbid' or 'require'")
        edge = item[modes[0]]
        if not isinstance(edge, Mapping):
            raise CustomRuleError(f"{where}.{modes[0]}: must be a mapping with kind, from, to")
        _only(edge, EDGE_KEYS, f"{where}.{modes[0]}")
        kind = edge.get("kind", "call")
        if kind not in KINDS:
            raise CustomRuleError(
                f"{where}.{modes[0]}.kind: one of {', '.join(KINDS)}, got {kind!r}"
            )
        severity = item.get("severity", "error")
        if severity not in SEVERITIES:
            raise CustomRuleError(f"{where}.severity: one of {', '.join(SEVERITIES)}")
        source = _selector(edge.get("from", {}), f"{where}.{modes[0]}.from")
        if "topic" in source:
            raise CustomRuleError(
                f"{where}.{modes[0]}.from: edges start at a service; "
                "select it by service, context or tag"
            )
        rules.append(
            CustomRule(
                code=code,
                slug=str(item.get("slug", code.lower())),
                severity=severity,
                message=str(item.get("message", f"violates custom rule {code}")),
                mode=modes[0],
                kind=kind,
                source=source,
                target=_selector(edge.get("to", {}), f"{where}.{modes[0]}.to"),
                name=None if edge.get("name") is None else str(edge["name"]),
                cross_context=edge.get("cross-context"),
            )
        )
    return tuple(rules)


def _only(mapping: Any, keys: Sequence[str], where: str) -> None:
    if not isinstance(mapping, Mapping):
        raise CustomRuleError(f"{where}: must be a mapping")
    unknown = sorted(set(map(str, mapping)) - set(keys))
    if unknown:
        raise CustomRuleError(f"{where}: unknown key '{unknown[0]}'; it takes {', '.join(keys)}")


def _selector(raw: Any, where: str) -> Mapping[str, str]:
    _only(raw, SELECTOR_KEYS, where)
    return {k: str(v) for k, v in raw.items()}


def edges_of(service: Service) -> Iterator[Edge]:
    for p in service.produces:
        yield Edge("produces", service, p.topic, True, p.event_names or (), p.location)
    for c in service.consumes:
        yield Edge("consumes", service, c.topic, True, c.event_names or (), c.location)
    for call in service.calls:
        target = call.to if call.to is not None else call.topic
        yield Edge(call.kind, service, target, call.to is None, (call.name,), call.location)


def _service_matches(selector: Mapping[str, str], service: Service | None) -> bool:
    if service is None:
        return not selector
    return (
        fnmatchcase(service.name, selector.get("service", "*"))
        and fnmatchcase(service.context, selector.get("context", "*"))
        and ("tag" not in selector or any(fnmatchcase(t, selector["tag"]) for t in service.tags))
    )


def _edge_matches(rule: CustomRule, edge: Edge, estate: Estate) -> bool:
    if rule.kind != edge.kind and not (rule.kind == "call" and edge.kind in ("command", "query")):
        return False
    if not _service_matches(rule.source, edge.source):
        return False
    if rule.name is not None and not any(fnmatchcase(n, rule.name) for n in edge.names):
        return False
    target_service = None if edge.target_is_topic else estate.service.get(edge.target)
    if edge.target_is_topic:
        if set(rule.target) - {"topic"}:
            return False  # a service selector never matches a topic
        if not fnmatchcase(edge.target, rule.target.get("topic", "*")):
            return False
    else:
        if "topic" in rule.target or (rule.target and target_service is None):
            return False
        if target_service is not None and not _service_matches(rule.target, target_service):
            return False
    if rule.cross_context is not None:
        if target_service is None:
            return False
        crosses = target_service.context != edge.source.context
        if crosses != bool(rule.cross_context):
            return False
    return True


def check_custom_rules(estate: Estate, rules: Sequence[CustomRule]) -> Iterator[Finding]:
    for rule in rules:
        for service in estate.services:
            if not _service_matches(rule.source, service):
                continue
            matching = [e for e in edges_of(service) if _edge_matches(rule, e, estate)]
            if rule.mode == "forbid":
                for edge in matching:
                    yield Finding(
                        rule.code,
                        f"{rule.message} ({service.name} {edge.kind} '{edge.target}')",
                        edge.location,
                        {"service": service.name, "target": edge.target},
                        slug=rule.slug,
                        severity=rule.severity,
                    )
            elif not matching:
                yield Finding(
                    rule.code,
                    f"{rule.message} ({service.name} has no such {rule.kind})",
                    service.name_location or service.location,
                    {"service": service.name},
                    slug=rule.slug,
                    severity=rule.severity,
                )
