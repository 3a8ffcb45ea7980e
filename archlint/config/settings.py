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
eventcatalog: {context-level: domain}   # or subdomain (the default)
backstage: {depends-on: command}         # or query (the default); context-level as above
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.catalogue import OptionValue
from archlint.checks.custom import CustomRule

FAIL_ON = ("error", "warning", "info", "never")

# The options of the other inputs and their choices, the default first.
INPUT_OPTIONS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "eventcatalog": {"context-level": ("subdomain", "domain")},
    "backstage": {"context-level": ("subdomain", "domain"), "depends-on": ("query", "command")},
}


def input_option(config: Config, source: str, option: str) -> str:
    """An input's option as configured, else its default."""
    return config.inputs.get(source, {}).get(option) or INPUT_OPTIONS[source][option][0]


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
    # the estate's other inputs (DESIGN.md "Other inputs"): input -> option -> value,
    # e.g. {"eventcatalog": {"context-level": "domain"}}; absent options take INPUT_OPTIONS' first
    inputs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    baseline: str | None = None
    source: str | None = None  # the file it came from
    source_url: str | None = None  # report.source-url: {commit}, {path}, {line} filled in
