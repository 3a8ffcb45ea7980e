"""The rule catalogue: each rule's code, slug, severity, options and documentation.

It is data (`rules/CODE.yaml` in the repository, `archlint.catalogue_data` once installed),
read here once; the checks themselves never read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from archlint.findings import SEVERITIES

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where present


@dataclass(frozen=True)
class RuleOption:
    name: str
    default: Any
    description: str
    minimum: float | None = None  # for numbers: the range a configuration may set
    maximum: float | None = None


@dataclass(frozen=True)
class RuleSpec:
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

    @property
    def defaults(self) -> dict[str, Any]:
        return {o.name: o.default for o in self.options}

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")


@dataclass(frozen=True)
class Ruleset:
    name: str
    description: str
    severity: Mapping[str, str] = field(default_factory=dict)  # code or prefix -> severity


def _spec(data: Mapping[str, Any]) -> RuleSpec:
    if data["severity"] not in SEVERITIES:
        raise ValueError(f"{data['code']}: unknown severity {data['severity']!r}")
    options = tuple(
        RuleOption(
            name,
            opt.get("default"),
            opt.get("description", ""),
            opt.get("minimum"),
            opt.get("maximum"),
        )
        for name, opt in sorted((data.get("options") or {}).items())
    )
    return RuleSpec(
        code=data["code"],
        slug=data["slug"],
        severity=data["severity"],
        summary=data["summary"].strip(),
        options=options,
        what=(data.get("what") or "").strip(),
        why=(data.get("why") or "").strip(),
        fails=data.get("fails") or "",
        passes=data.get("passes") or "",
        fix=(data.get("fix") or "").strip(),
        entities=tuple(data.get("entities") or ()),
    )


@lru_cache(maxsize=1)
def load_catalogue() -> Mapping[str, RuleSpec]:
    """Code -> RuleSpec for every rule in the catalogue, sorted by code."""
    root = resources.files("archlint.catalogue_data")
    specs = {}
    for entry in root.iterdir():
        if entry.name.endswith(".yaml"):
            spec = _spec(yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER))
            specs[spec.code] = spec
    return dict(sorted(specs.items()))


@lru_cache(maxsize=1)
def load_rulesets() -> Mapping[str, Ruleset]:
    root = resources.files("archlint.catalogue_data") / "rulesets"
    sets = {}
    for entry in root.iterdir():
        if entry.name.endswith(".yaml"):
            data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER)
            sets[data["name"]] = Ruleset(
                data["name"], data.get("description", "").strip(), dict(data.get("severity") or {})
            )
    return dict(sorted(sets.items()))


def resolve_rule(token: str) -> list[str]:
    """The codes a selector names: a code (SW001), a prefix (SW, S, ALL) or a slug."""
    catalogue = load_catalogue()
    token = token.strip()
    if token.upper() == "ALL":
        return list(catalogue)
    upper = token.upper()
    if upper in catalogue:
        return [upper]
    by_slug = [c for c, s in catalogue.items() if s.slug == token.lower()]
    if by_slug:
        return by_slug
    by_prefix = [c for c in catalogue if c.startswith(upper)] if upper.isalnum() else []
    if by_prefix:
        return by_prefix
    raise KeyError(token)
