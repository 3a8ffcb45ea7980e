"""Reading the rule catalogue: each rule's page, `rules/CODE.yaml` in the repository
(`archlint.catalogue_data` once installed), and the rulesets beside them. Read once a
process; the checks never read it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from archlint.catalogue import RuleOption, Ruleset, RuleSpec
from archlint.checks import CHECKS, SCOPES
from archlint.registry import Registry, builtin_registry

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where present
OPTION_TYPES = ("integer", "number", "boolean", "string")


def _option(name: str, data: Mapping[str, Any], code: str) -> RuleOption:
    kind = data.get("type")
    if kind not in OPTION_TYPES:
        raise ValueError(f"{code}: option {name} needs a type, one of {', '.join(OPTION_TYPES)}")
    option = RuleOption(
        name,
        kind,
        data["default"],
        data.get("description", ""),
        data.get("minimum"),
        data.get("maximum"),
    )
    if option.problem(option.default) is not None:
        raise ValueError(f"{code}: option {name}'s default {option.default!r} is not a {kind}")
    return option


def rule_spec(data: Mapping[str, Any]) -> RuleSpec:
    """A page's data as a RuleSpec (raises ValueError for a page that breaks the format)."""
    code = data["code"]
    return RuleSpec(
        code=code,
        slug=data["slug"],
        severity=data["severity"],
        summary=data["summary"].strip(),
        options=tuple(
            _option(name, opt, code) for name, opt in sorted((data.get("options") or {}).items())
        ),
        what=(data.get("what") or "").strip(),
        why=(data.get("why") or "").strip(),
        fails=data.get("fails") or "",
        passes=data.get("passes") or "",
        fix=(data.get("fix") or "").strip(),
        entities=tuple(data.get("entities") or ()),
        reads=tuple(data.get("reads") or ()),
    )


@cache
def read_pages() -> tuple[RuleSpec, ...]:
    """Every rule's page, sorted by code."""
    root = resources.files("archlint.catalogue_data")
    specs = [
        rule_spec(yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER))
        for entry in root.iterdir()
        if entry.name.endswith(".yaml")
    ]
    return tuple(sorted(specs, key=lambda s: s.code))


@cache
def read_rulesets() -> Mapping[str, Ruleset]:
    root = resources.files("archlint.catalogue_data") / "rulesets"
    sets = {}
    for entry in root.iterdir():
        if entry.name.endswith(".yaml"):
            data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER)
            sets[data["name"]] = Ruleset(
                data["name"], data.get("description", "").strip(), dict(data.get("severity") or {})
            )
    return dict(sorted(sets.items()))


@cache
def builtin_rules() -> Registry:
    """The built-in rules: every page, joined with its check."""
    return builtin_registry(read_pages(), read_rulesets(), CHECKS, SCOPES)
