"""`custom-rules:` in the configuration: declarative rules that forbid or require
interactions, parsed into CustomRule values (archlint.checks.custom runs them).

```yaml
custom-rules:
  - code: ORG001                 # your own code: letters then digits, not a built-in one
    slug: no-queries-into-payments
    severity: error              # default error
    message: Nothing queries payments synchronously; subscribe to its events.
    forbid:                      # every matching interaction is a finding
      kind: query                # produces | consumes | command | query | call (command or query)
      from: {context: "*"}       # the service it starts at: service, context, tag (globs)
      to: {context: payments}    # the target: service, context, tag -- or topic
      name: "Get*"               # optional glob on the command/query name or an event type
      cross-context: true        # optional: only interactions between two contexts
  - code: ORG002
    slug: orders-consume-audit
    message: Every orders service must subscribe to the audit topic.
    require:                     # every `from` service lacking such an interaction is a finding
      kind: consumes
      from: {context: orders}
      to: {topic: audit}
```
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from archlint.checks.custom import KINDS, CustomRule
from archlint.config.settings import ConfigError
from archlint.findings import SEVERITIES

SELECTOR_KEYS = ("service", "context", "tag", "topic")
PATTERN_KEYS = ("kind", "from", "to", "name", "cross-context")
RULE_KEYS = ("code", "slug", "severity", "message", "forbid", "require")
CODE_PATTERN = re.compile(r"^[A-Z]+[0-9]+$")


def parse_custom_rules(raw: object, where: str, taken: Collection[str]) -> tuple[CustomRule, ...]:
    """The rules of `custom-rules`; codes must be new (not in `taken`, the built-in codes)."""
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: 'custom-rules' must be a list of rule mappings")
    rules: list[CustomRule] = []
    seen = set(taken)
    for i, item in enumerate(raw):
        rule = _rule(item, f"{where}: custom-rules[{i}]", seen)
        seen.add(rule.code)
        rules.append(rule)
    return tuple(rules)


def _rule(item: object, where: str, seen: Collection[str]) -> CustomRule:
    _only(item, RULE_KEYS, where)
    assert isinstance(item, Mapping)
    code = str(item.get("code", ""))
    if not CODE_PATTERN.match(code):
        raise ConfigError(f"{where}: 'code' must be letters then digits, such as ORG001")
    if code in seen:
        raise ConfigError(f"{where}: code {code} is already taken; choose another")
    modes = [m for m in ("forbid", "require") if m in item]
    if len(modes) != 1:
        raise ConfigError(f"{where}: give exactly one of 'forbid' or 'require'")
    mode = modes[0]
    pattern = item[mode]
    at = f"{where}.{mode}"
    _only(pattern, PATTERN_KEYS, at)
    kind = pattern.get("kind", "call")
    if kind not in KINDS:
        raise ConfigError(f"{at}.kind: one of {', '.join(KINDS)}, got {kind!r}")
    severity = item.get("severity", "error")
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}.severity: one of {', '.join(SEVERITIES)}")
    source = _selector(pattern.get("from", {}), f"{at}.from")
    if "topic" in source:
        raise ConfigError(
            f"{at}.from: interactions start at a service; select it by service, context or tag"
        )
    cross = pattern.get("cross-context")
    if cross is not None and not isinstance(cross, bool):
        raise ConfigError(f"{at}.cross-context: true or false, got {cross!r}")
    return CustomRule(
        code=code,
        slug=str(item.get("slug", code.lower())),
        severity=severity,
        message=str(item.get("message", f"violates custom rule {code}")),
        mode=mode,
        kind=kind,
        source=source,
        target=_selector(pattern.get("to", {}), f"{at}.to"),
        name=None if pattern.get("name") is None else str(pattern["name"]),
        cross_context=cross,
    )


def _only(mapping: object, keys: Sequence[str], where: str) -> None:
    if not isinstance(mapping, Mapping):
        raise ConfigError(f"{where}: must be a mapping")
    unknown = sorted(set(map(str, mapping)) - set(keys))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'; it takes {', '.join(keys)}")


def _selector(raw: object, where: str) -> Mapping[str, str]:
    _only(raw, SELECTOR_KEYS, where)
    assert isinstance(raw, Mapping)
    return {str(k): str(v) for k, v in raw.items()}
