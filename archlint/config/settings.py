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
limits: {file-bytes: 10000000}          # what one file may cost (docs/limits.md); defaults: LIMITS
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


@dataclass(frozen=True)
class Limits:
    """What one committed file may make archlint do, each passed limit an AL006 finding at
    its place (the rest of the estate is still checked). Safe defaults: a real manifest is
    a few KB, a few hundred values, nested a dozen deep."""

    file_bytes: int = 10_000_000  # bytes read of one file
    documents_per_file: int = 10_000  # YAML documents in one file
    nodes_per_document: int = 100_000  # values, after aliases and `$ref`s are expanded
    ref_depth: int = 64  # `$ref` to `$ref` chains
    ref_expansions: int = 20_000  # `$ref`s followed in one document
    nesting_depth: int = 100  # mappings and lists in one another
    string_length: int = 100_000  # characters of one value or key
    findings_per_rule: int = 1_000  # findings of one rule shown by `lint`
    # seconds of Graphviz `dot` per diagram (`graph`, `report`, `impact`); the runner's
    # ARCHLINT_DOT_TIMEOUT, where set, wins (archlint.diagram.render.dot_timeout)
    dot_seconds: int = 60

    @property
    def reader(self) -> dict[str, int]:
        """The limits the YAML reader keeps, as its keyword arguments."""
        return {
            "max_nodes": self.nodes_per_document,
            "max_depth": self.nesting_depth,
            "max_string": self.string_length,
        }


LIMITS = Limits()  # the defaults

# `limits:` keys in the configuration -> Limits fields
LIMIT_KEYS: Mapping[str, str] = {
    name.replace("_", "-"): name for name in Limits.__dataclass_fields__
}


class ConfigError(Exception):
    """A configuration the user must fix: the message says where and how, in one line (a
    line break in a key or value it quotes is shown as `\\n`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"))


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
    limits: Limits = field(default_factory=Limits)
    source: str | None = None  # the file it came from
    source_url: str | None = None  # report.source-url: {commit}, {path}, {line} filled in
