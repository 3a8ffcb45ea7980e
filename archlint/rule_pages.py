"""Reading the rule catalogue: each rule's page, `rules/CODE.yaml` in the repository
(`archlint.catalogue_data` once installed), and the rulesets beside them, through their
compiled copy `rules/catalogue.json`. Read once a process; the checks never read it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from archlint.catalogue import RuleOption, Ruleset, RuleSpec
from archlint.checks import CHECKS, SCOPES
from archlint.registry import Registry, builtin_registry

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


# The pages and rulesets as one JSON file, compiled from their YAML by `make rule-docs`
# (scripts/update_docs.py, whose --check a test runs): a run reads it without PyYAML.
COMPILED = "catalogue.json"


def compiled_catalogue() -> str:
    """The text of COMPILED, from the YAML pages and rulesets (for scripts/update_docs.py)."""
    import json

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where present
    root = resources.files("archlint.catalogue_data")

    def documents(folder: Any) -> list[Any]:
        found = [e for e in folder.iterdir() if e.name.endswith(".yaml")]
        return [yaml.load(e.read_text(encoding="utf-8"), Loader=loader) for e in found]

    data = {
        "pages": sorted(documents(root), key=lambda page: page["code"]),
        "rulesets": sorted(documents(root / "rulesets"), key=lambda ruleset: ruleset["name"]),
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@cache
def _catalogue() -> Any:
    import json

    compiled = resources.files("archlint.catalogue_data") / COMPILED
    return json.loads(compiled.read_text(encoding="utf-8"))


@cache
def read_pages() -> tuple[RuleSpec, ...]:
    """Every rule's page, sorted by code."""
    return tuple(rule_spec(page) for page in _catalogue()["pages"])


@cache
def read_rulesets() -> Mapping[str, Ruleset]:
    return {
        data["name"]: Ruleset(
            data["name"], data.get("description", "").strip(), dict(data.get("severity") or {})
        )
        for data in _catalogue()["rulesets"]
    }


@cache
def builtin_rules() -> Registry:
    """The built-in rules: every page, joined with its check."""
    return builtin_registry(read_pages(), read_rulesets(), CHECKS, SCOPES)
