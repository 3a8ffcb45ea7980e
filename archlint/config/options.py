"""`rules:` in the configuration: per rule a severity, `off`, or a mapping of `severity` and
options, each option checked once, here, against the type and range its rule's page
declares."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.catalogue import OptionValue, RuleSpec
from archlint.config.selection import resolve_selectors
from archlint.config.settings import ConfigError
from archlint.findings import SEVERITIES
from archlint.registry import Registry


@dataclass
class RuleSettings:
    severity: dict[str, str] = field(default_factory=dict)  # code -> severity
    options: dict[str, dict[str, OptionValue]] = field(default_factory=dict)  # code -> options
    off: set[str] = field(default_factory=set)


def rule_settings(rules: object, where: str, registry: Registry) -> RuleSettings:
    if not isinstance(rules, Mapping):
        raise ConfigError(
            f"{where}: 'rules' must map rule codes to settings, e.g. 'SY002: {{max-depth: 4}}'"
        )
    found = RuleSettings()
    for token, settings in rules.items():
        codes = resolve_selectors([str(token)], f"{where}: rules", registry)
        if settings is False or settings == "off":
            found.off.update(codes)
            continue
        if isinstance(settings, str):
            settings = {"severity": settings}
        if not isinstance(settings, Mapping):
            raise ConfigError(
                f"{where}: rules.{token} must be a severity, 'off', or a mapping of 'severity' "
                "and options"
            )
        for code in codes:
            _one_rule(registry.spec(code), str(token), settings, where, found)
    return found


def _one_rule(
    spec: RuleSpec, token: str, settings: Mapping[object, object], where: str, found: RuleSettings
) -> None:
    for key, value in settings.items():
        if key == "severity":
            if value not in SEVERITIES:
                raise ConfigError(
                    f"{where}: rules.{token}.severity must be one of {', '.join(SEVERITIES)}, "
                    f"got '{value}'"
                )
            found.severity[spec.code] = str(value)
            continue
        option = spec.option(str(key))
        if option is None:
            known = ["severity", *spec.defaults]
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"it takes {', '.join(known)}"
            raise ConfigError(f"{where}: rules.{token}: {spec.code} has no option '{key}'; {hint}")
        problem = option.problem(value)
        if problem is not None:
            raise ConfigError(f"{where}: rules.{spec.code}.{key} {problem}, got {value!r}")
        assert isinstance(value, int | float | bool | str)  # option.problem checked the type
        found.options.setdefault(spec.code, {})[option.name] = value
