"""Each rule's scope (archlint.registry) is what its findings depend on, and what a check
after a few files changed (archlint.recheck) trusts: these tests hold every rule to it.

On every case of every rule (`tests/rules/*.yaml`), each file is in turn added to the
estate of the others, and taken out of the whole: the recheck from the one estate to the
other must find exactly what a whole check finds. The rules are run with the case's
options, every rule at once, as a lint does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archlint.checks import MODULES, SCOPES
from archlint.checks.custom import as_rule
from archlint.config.keys import parse_config
from archlint.config.settings import Config, ConfigError
from archlint.engine import check_all, finish, rules_run
from archlint.interactions import Interactions
from archlint.loader import load_texts
from archlint.model import Topic
from archlint.recheck import recheck
from archlint.registry import CALLER, ESTATE, LOADER_CODES, NAMES, SYNC, TOPIC
from archlint.rule_pages import builtin_rules

CASES = Path(__file__).parent / "rules"
REGISTRY = builtin_rules()


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["rule"] in LOADER_CODES:
            continue
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


def _config(code: str, case: dict) -> Config:
    """Every rule the estate can run (BR only with broker configuration: the case's own)."""
    every = tuple(c for c in REGISTRY.rules if not c.startswith("BR") or c == code)
    options = case.get("options")
    return Config(select=every, options={code: options} if options else {})


def _whole(files: dict[str, str], config: Config):
    loaded = load_texts(files)
    checked, findings = check_all(Interactions(loaded.estate), REGISTRY, config, loaded.findings)
    return loaded, checked, findings


def test_every_check_declares_a_scope_of_the_registry():
    known = {TOPIC, CALLER, NAMES, SYNC, ESTATE}
    for module in MODULES:
        assert getattr(module, "SCOPE", None) in known, f"{module.__name__}: SCOPE"
    assert set(SCOPES) == {m.CODE for m in MODULES}
    assert all(REGISTRY.rules[code].scope == scope for code, scope in SCOPES.items())


@pytest.mark.parametrize("code, case", list(_cases()))
def test_findings_name_what_their_scope_keys_them_by(code, case):
    """A TOPIC rule's findings name their topic; a CALLER or NAMES rule's name the calling
    service, or lie in a Topic document: that is what a recheck finds them again by."""
    scope = SCOPES.get(code)  # AL005: the engine's, applied afresh after every recheck
    loaded, checked, _ = _whole(case["manifests"], _config(code, case))
    for finding in checked.by_rule.get(code, ()):
        if scope == TOPIC:
            assert "topic" in finding.entities, finding
        elif scope in (CALLER, NAMES):
            document = loaded.estate.document_at(finding.location)
            assert "service" in finding.entities or isinstance(document, Topic), finding


@pytest.mark.parametrize("code, case", list(_cases()))
def test_a_recheck_finds_what_a_whole_check_finds(code, case):
    config = _config(code, case)
    files = case["manifests"]
    for path in sorted(files):
        others = {p: text for p, text in files.items() if p != path}
        for before, after in ((others, files), (files, others)):
            try:
                old, old_checked, _ = _whole(before, config)
                new, _, expected = _whole(after, config)
            except ConfigError:  # a BR rule selected, the broker's file left out
                continue
            again = recheck(
                (old.estate, old_checked), (new.estate, new.findings), [path], REGISTRY, config
            )
            if again is None:  # a rule of the whole estate: the cache runs a whole check
                assert any(REGISTRY.rules[c].scope == ESTATE for c in old_checked.by_rule)
                continue
            checked_again, found = again
            assert found == expected, f"{path} {'added' if before is others else 'removed'}"
            # what the cache records for the next recheck gives these findings again
            ran = rules_run(REGISTRY, config, new.estate)
            assert finish(new.estate, checked_again, REGISTRY, config, ran) == expected


CUSTOM_ESTATE = {
    "web.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: web, context: storefront, tags: [ui]}
spec:
  consumes: [{topic: catalog}]
  queries: [{to: ledger, name: GetBalance}, {to: search, name: Find}]
""",
    "ledger.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: ledger, context: payments}
spec:
  owns: [catalog]
  produces: [{topic: catalog, events: [ItemListed]}]
""",
    "search.yaml": """\
apiVersion: archlint/v1
kind: Service
metadata: {name: search, context: storefront, tags: [ui]}
spec:
  commands: [{to: web, name: Refresh}]
""",
}
CUSTOM_RULES = [
    {
        "code": "ORG001",
        "forbid": {"kind": "query", "from": {"tag": "ui"}, "to": {"context": "payments"}},
    },
    {"code": "ORG002", "require": {"kind": "consumes", "to": {"topic": "catalog"}}},
    {"code": "ORG003", "forbid": {"kind": "call", "cross-context": False}},
]


def test_custom_rules_are_rechecked_as_a_whole_check_finds():
    """A custom rule's findings are of a service and its calls (CALLER): a recheck after a
    file came or went finds what a whole check does."""
    config = parse_config({"custom-rules": CUSTOM_RULES}, "archlint.yaml", ".", REGISTRY)
    registry = REGISTRY.with_rules(as_rule(c) for c in config.custom_rules)
    for path in sorted(CUSTOM_ESTATE):
        others = {p: t for p, t in CUSTOM_ESTATE.items() if p != path}
        for before, after in ((others, CUSTOM_ESTATE), (CUSTOM_ESTATE, others)):
            old = load_texts(before)
            old_checked, _ = check_all(Interactions(old.estate), registry, config, old.findings)
            new = load_texts(after)
            _, expected = check_all(Interactions(new.estate), registry, config, new.findings)
            again = recheck(
                (old.estate, old_checked), (new.estate, new.findings), [path], registry, config
            )
            assert again is not None
            checked_again, found = again
            assert found == expected and any(f.code.startswith("ORG") for f in found), path
            ran = rules_run(registry, config, new.estate)
            assert finish(new.estate, checked_again, registry, config, ran) == expected
