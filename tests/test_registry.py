"""Adding a rule is one module, its page, its case file and one registration line: a rule
missing any of them fails here, and so does a custom rule that is not a rule like the others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archlint import api
from archlint.checks import CHECKS, MODULES
from archlint.config.keys import parse_config
from archlint.config.settings import ConfigError
from archlint.registry import LOADER_CODES, UNUSED_SUPPRESSION, UnknownRule
from archlint.rule_pages import builtin_rules

REPO = Path(__file__).resolve().parent.parent
MODULE_NAME = re.compile(r"^([a-z]+[0-9]+)_[a-z0-9_]+\.py$")


def _codes_of_modules() -> set[str]:
    return {
        m.group(1).upper()
        for path in (REPO / "archlint" / "checks").glob("*.py")
        if (m := MODULE_NAME.match(path.name))
    }


def test_every_check_module_is_registered():
    registered = {m.__name__.rsplit(".", 1)[-1] for m in MODULES}
    written = {
        p.stem for p in (REPO / "archlint" / "checks").glob("*.py") if MODULE_NAME.match(p.name)
    }
    assert written == registered, "add the module to MODULES in archlint/checks/__init__.py"


def test_every_rule_has_a_page_a_case_file_and_a_check():
    pages = {p.stem for p in (REPO / "rules").glob("*.yaml")}
    cases = {p.stem for p in (REPO / "tests" / "rules").glob("*.yaml")}
    reported_elsewhere = {*LOADER_CODES, UNUSED_SUPPRESSION}
    for code in sorted(pages | _codes_of_modules() | set(CHECKS)):
        assert code in pages, f"{code}: no page rules/{code}.yaml"
        assert code in cases, f"{code}: no case file tests/rules/{code}.yaml"
        assert code in CHECKS or code in reported_elsewhere, f"{code}: not registered"
    assert set(builtin_rules()) == pages


def _config(data: dict) -> object:
    return parse_config(data, "archlint.yaml", ".", builtin_rules())


CUSTOM = {
    "code": "ORG001",
    "slug": "no-queries-into-payments",
    "message": "Nothing queries payments synchronously.",
    "forbid": {"kind": "query", "to": {"context": "payments"}},
}


def test_a_custom_rule_is_selected_and_configured_like_a_builtin_one():
    config = _config({"custom-rules": [CUSTOM], "rules": {"ORG001": "off"}})
    assert "ORG001" in config.ignore
    config = _config({"custom-rules": [CUSTOM], "rules": {"no-queries-into-payments": "warning"}})
    assert config.severity == {"ORG001": "warning"}
    config = _config({"custom-rules": [CUSTOM], "select": ["ORG"]})
    assert config.select == ("ORG001",)
    rules = api.rules_of(config)
    assert rules.spec("ORG001").custom and rules.resolve("no-queries-into-payments") == ("ORG001",)


def test_a_custom_rule_takes_no_options():
    with pytest.raises(ConfigError, match="ORG001 has no option 'max-depth'; it takes severity"):
        _config({"custom-rules": [CUSTOM], "rules": {"ORG001": {"max-depth": 2}}})


def test_unknown_rules_get_a_did_you_mean():
    with pytest.raises(UnknownRule) as err:
        builtin_rules().resolve("topic-multi-writr")
    assert err.value.hint == "did you mean 'topic-multi-writer'?"
