"""The rule catalogue (rules/CODE.yaml): every page complete, every check registered under its
page's name, and every page's examples true, so the documentation can never lie."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

from archlint.catalogue import load_catalogue
from archlint.checks import MODULES, load_checks
from archlint.engine import run_checks
from archlint.graph import build_graph
from archlint.loader import load_texts

RULES = Path(__file__).resolve().parent.parent / "rules"
LOADER_CODES = ("AL001", "AL002", "AL003", "AL004")  # the loader reports these
ENGINE_CODES = ("AL005",)  # the engine reports this one
KEYS = {
    "code",
    "slug",
    "severity",
    "summary",
    "options",
    "entities",
    "what",
    "why",
    "fails",
    "passes",
    "fix",
}
CODES = sorted(load_catalogue())


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
            {"default", "description"}
            <= set(option)
            <= {"default", "description", "minimum", "maximum"}
        )
        assert option["description"].strip()
    assert isinstance(page["entities"], list)


def test_every_check_is_registered_under_its_pages_name():
    checks = load_checks()
    assert sorted(checks) == [c for c in CODES if c not in LOADER_CODES + ENGINE_CODES]
    for module_name in MODULES:
        module = importlib.import_module(f"archlint.checks.{module_name}")
        spec = load_catalogue()[module.CODE]
        assert module_name == f"{spec.code.lower()}_{spec.slug.replace('-', '_')}"


def test_option_defaults_in_the_checks_match_the_catalogue():
    from archlint.checks import sy002_sync_chain_depth, sy003_availability_below_slo

    catalogue = load_catalogue()
    assert catalogue["SY002"].defaults == {"max-depth": sy002_sync_chain_depth.DEFAULT_MAX_DEPTH}
    assert catalogue["SY003"].defaults == {
        "assumed-availability": sy003_availability_below_slo.DEFAULT_ASSUMED_AVAILABILITY
    }


def _codes_found(code: str, text: str) -> list[str]:
    """The codes the example yields for its rule, through the path that reports that rule."""
    loaded = load_texts({"example.yaml": text})
    if code in LOADER_CODES:
        return [f.code for f in loaded.findings]
    assert not loaded.findings, [f"{f.location} {f.code} {f.message}" for f in loaded.findings]
    if code in ENGINE_CODES:
        return [f.code for f in run_checks(loaded.estate, loaded.findings)]
    spec = load_catalogue()[code]
    check = load_checks()[code]
    return [f.code for f in check(loaded.estate, build_graph(loaded.estate), spec.defaults)]


@pytest.mark.parametrize("code", CODES)
def test_failing_example_fails(code):
    assert code in _codes_found(code, load_catalogue()[code].fails)


@pytest.mark.parametrize("code", CODES)
def test_passing_example_passes(code):
    assert code not in _codes_found(code, load_catalogue()[code].passes)
