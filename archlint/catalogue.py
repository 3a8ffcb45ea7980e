"""The rule catalogue as values: each rule's page (code, slug, severity, options,
documentation) and the rulesets.

Pure: the pages are read from package data by archlint.rule_pages; the checks never read
them, and an option's type, default and range are declared once, here, from the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from archlint.findings import SEVERITIES

OptionType = Literal["integer", "number", "boolean", "string"]
OptionValue = int | float | bool | str


@dataclass(frozen=True)
class RuleOption:
    """An option a rule's page declares: its type and default, and for numbers a range."""

    name: str
    type: OptionType
    default: OptionValue
    description: str
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: object) -> str | None:
        """Why `value` is not a valid setting of this option, or None when it is."""
        if self.type == "boolean":
            return None if isinstance(value, bool) else "must be true or false"
        if self.type == "string":
            return None if isinstance(value, str) else "must be a string"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number" if self.type == "number" else "must be a whole number"
        if self.type == "integer" and not isinstance(value, int):
            return "must be a whole number"
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (
                f"at least {_number(low)}"
                if high is None
                else f"between {_number(low)} and {_number(high)}"
            )
            return f"must be {bounds}"
        return None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class RuleSpec:
    """A rule's page: what `archlint explain`, SARIF and the report show of it."""

    code: str
    slug: str
    severity: str
    summary: str
    options: tuple[RuleOption, ...] = ()
    what: str = ""
    why: str = ""
    fails: str = ""  # a failing example: one or more manifests (YAML documents)
    passes: str = ""  # the same, fixed
    fix: str = ""
    entities: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # the manifest fields its findings depend on
    custom: bool = False  # declared in the user's configuration, not built in

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")

    @property
    def defaults(self) -> dict[str, OptionValue]:
        return {o.name: o.default for o in self.options}

    def option(self, name: str) -> RuleOption | None:
        return next((o for o in self.options if o.name == name), None)

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")


@dataclass(frozen=True)
class Ruleset:
    name: str
    description: str
    severity: Mapping[str, str] = field(default_factory=dict)  # code or prefix -> severity

    def severity_of(self, spec: RuleSpec) -> str:
        for key in (spec.code, spec.prefix):
            if key in self.severity:
                return self.severity[key]
        return spec.severity
