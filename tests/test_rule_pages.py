"""The rule catalogue (rules/CODE.yaml): every page complete, every check registered under its
page's name, and every page's examples true, so the documentation can never lie."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from archlint.checks import CHECKS, MODULES
from archlint.engine import run_checks
from archlint.interactions import Interactions
from archlint.loader import load_texts
from archlint.registry import LOADER_CODES, UNUSED_SUPPRESSION
from archlint.rule_pages import builtin_rules

RULES = Path(__file__).resolve().parent.parent / "rules"
KEYS = {
    "code",
    "slug",
    "severity",
    "summary",
    "options",
    "entities",
    "reads",
    "what",
    "why",
    "fails",
    "passes",
    "fix",
}
CODES = list(builtin_rules())


def _page(code: str) -> dict:
    return yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", CODES)
def test_page_is_complete(code):
    page = _page(code)
    assert set(page) == KEYS, f"{code}: keys {sorted(set(page) ^ KEYS)}"
    assert page["code"] == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", page["slug"])
    assert page["severity"] in ("error", "warning", "info")
    assert "\n" not in page["summary"].strip() and page["summary"].strip().endswith(".")
    for key in ("what", "why", "fails", "passes", "fix"):
        assert isinstance(page[key], str) and page[key].strip(), f"{code}: empty {key}"
    for option in page["options"].values():
        assert (
            {"type", "default", "description"}
            <= set(option)
            <= {"type", "default", "description", "minimum", "maximum"}
        )
        assert option["description"].strip()
    assert isinstance(page["entities"], list)


def test_every_check_is_registered_under_its_pages_name():
    assert sorted(CHECKS) == [c for c in CODES if c not in (*LOADER_CODES, UNUSED_SUPPRESSION)]
    for module in MODULES:
        spec = builtin_rules().spec(module.CODE)
        name = module.__name__.rsplit(".", 1)[-1]
        assert name == f"{spec.code.lower()}_{spec.slug.replace('-', '_')}"


def _codes_found(code: str, text: str) -> list[str]:
    """The codes the example yields for its rule, through the path that reports that rule."""
    loaded = load_texts({"example.yaml": text})
    if code in LOADER_CODES:
        return [f.code for f in loaded.findings]
    assert not loaded.findings, [f"{f.location} {f.code} {f.message}" for f in loaded.findings]
    interactions = Interactions(loaded.estate)
    if code == UNUSED_SUPPRESSION:
        return [
            f.code for f in run_checks(interactions, builtin_rules(), load_findings=loaded.findings)
        ]
    rule = builtin_rules().rules[code]
    assert rule.check is not None
    return [f.code for f in rule.check(interactions, rule.spec.defaults)]


@pytest.mark.parametrize("code", CODES)
def test_failing_example_fails(code):
    assert code in _codes_found(code, builtin_rules().spec(code).fails)


@pytest.mark.parametrize("code", CODES)
def test_passing_example_passes(code):
    assert code not in _codes_found(code, builtin_rules().spec(code).passes)


FIELDS = {"owns", "produces", "consumes", "commands", "queries", "views", "availability", "slo"}
FIELDS |= {"global", "owner", "writers", "events"}


@pytest.mark.parametrize("code", CODES)
def test_a_page_says_which_manifest_fields_its_findings_depend_on(code):
    reads = _page(code)["reads"]
    assert isinstance(reads, list) and set(reads) <= FIELDS, f"{code}: reads {reads}"
