"""The Config value: what one run of archlint is asked to do, every selector resolved.

```yaml
paths: [services]            # what to lint when no PATHS are given (relative to this file)
exclude: ["legacy/**"]       # globs, relative paths or folder names
ruleset: recommended         # or strict
select: [SW, CX001]          # codes, prefixes or slugs; default: every rule
ignore: [produced-never-consumed]
fail-on: error               # error | warning | info | never
rules:                       # per rule: severity, `off`, and options
  SY002: {max-depth: 4}
  CX002: {severity: error}
  RF003: off
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.catalogue import OptionValue
from archlint.checks.custom import CustomRule

FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration the user must fix: the message says where and how."""


@dataclass(frozen=True)
class Config:
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ruleset: str = "recommended"
    select: tuple[str, ...] = ()  # resolved codes; empty = every rule
    ignore: tuple[str, ...] = ()  # resolved codes
    fail_on: str = "error"
    severity: Mapping[str, str] = field(default_factory=dict)  # code -> severity
    options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    asyncapi_contexts: Mapping[str, str] = field(default_factory=dict)  # glob -> context
    principals: Mapping[str, str] = field(default_factory=dict)  # broker principal -> service
    super_users: tuple[str, ...] = ()  # broker principals the BR rules ignore
    custom_rules: tuple[CustomRule, ...] = ()
    baseline: str | None = None
    source: str | None = None  # the file it came from
