"""Per-rule cases: every `tests/rules/CODE.yaml`, in the style of sqlfluff's YAML rule tests.

    rule: SW001
    cases:
      - name: two writers of an unowned topic
        options: {}                 # optional: the rule's options over the catalogue defaults
        manifests: {a.yaml: "..."}  # path -> manifest text, loaded with archlint.loader
        expect:                     # exactly the findings OF THIS RULE, in any order
          - {code: SW001, entities: {topic: orders, service: billing},
             at: "a.yaml:9:7",      # optional: path:line:column
             message: "..."}        # optional: a part of the message

Each case goes through the real loader (the manifests must load without AL findings), the
graph, and only its rule's check, with the catalogue's default options merged with the case's.

The loader's own rules (AL001 to AL004) have cases of the same shape, run by
`test_loader_case`: the files (manifests and AsyncAPI documents) are loaded with
archlint.loader and the case expects exactly the loader's findings of its rule. A file given
as `{encoding: latin-1, text: "..."}` is saved in that encoding (for AL001's bad encodings).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archlint.engine import run_checks
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.loader import load_texts
from archlint.registry import LOADER_CODES, UNUSED_SUPPRESSION
from archlint.rule_pages import builtin_rules

CASES = Path(__file__).parent / "rules"


def _cases(loader: bool = False):
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name} holds cases of {data['rule']}"
        if (data["rule"] in LOADER_CODES) != loader:
            continue  # loader rules: test_loader_case
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


def run_rule(code: str, manifests: dict[str, str], options: dict | None = None) -> list[Finding]:
    """The findings of one rule on manifests loaded by the real loader."""
    loaded = load_texts(manifests)
    assert not loaded.findings, "the manifests of a case must load cleanly:\n" + "\n".join(
        f"{f.location}: {f.code} {f.message}" for f in loaded.findings
    )
    rule = builtin_rules().rules[code]
    unknown = set(options or {}) - set(rule.spec.defaults)
    assert not unknown, f"{code} has no options {sorted(unknown)}"
    interactions = Interactions(loaded.estate)
    if code == UNUSED_SUPPRESSION:  # the engine reports it, after every other rule ran
        return [f for f in run_checks(interactions, builtin_rules()) if f.code == code]
    assert rule.check is not None, f"{code} has no check"
    return list(rule.check(interactions, {**rule.spec.defaults, **(options or {})}))


def _entities(finding: Finding) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in finding.entities.items()}


def _matches(expected: dict, finding: Finding) -> bool:
    return (
        expected["code"] == finding.code
        and expected["entities"] == _entities(finding)
        and ("at" not in expected or expected["at"] == str(finding.location))
        and ("message" not in expected or expected["message"] in finding.message)
    )


def _show(finding: Finding) -> str:
    return f"{finding.location}: {finding.code} {_entities(finding)} {finding.message}"


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_case(code, case):
    found = run_rule(code, case["manifests"], case.get("options"))
    assert {f.code for f in found} <= {code}
    unmatched = list(found)
    missing = []
    # the most specific expectations first, so a looser one cannot take their finding
    for expected in sorted(case["expect"], key=lambda e: -len(e)):
        hit = next((f for f in unmatched if _matches(expected, f)), None)
        if hit is None:
            missing.append(expected)
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        "expected but not found:\n"
        + "\n".join(map(str, missing))
        + "\nfound but not expected:\n"
        + "\n".join(map(_show, unmatched))
    )


@pytest.mark.parametrize("code, case", list(_cases()))
def test_rule_findings_are_well_formed_and_deterministic(code, case):
    found = run_rule(code, case["manifests"], case.get("options"))
    reversed_files = dict(reversed(list(case["manifests"].items())))
    assert run_rule(code, reversed_files, case.get("options")) == found
    spec = builtin_rules().spec(code)
    for finding in found:
        assert finding.location is not None and finding.path in case["manifests"]
        assert set(finding.entities) <= set(spec.entities), _show(finding)
        message = finding.message
        assert message[0].islower() and not message.endswith("."), message
        assert ": " in message, f"a message says what is wrong, then how to fix it: {message}"


def test_every_rule_has_failing_and_passing_cases():
    by_rule: dict[str, list[dict]] = {}
    for param in _cases():
        code, case = param.values
        by_rule.setdefault(code, []).append(case)
    for code in builtin_rules():
        if code in LOADER_CODES:
            continue  # tests/test_rules.py's loader cases
        cases = by_rule.get(code, [])
        assert any(c["expect"] for c in cases), f"{code}: no failing case"
        assert any(not c["expect"] for c in cases), f"{code}: no passing case"


# --- the loader's rules ----------------------------------------------------------------------


def _file_bytes(given: str | dict) -> bytes:
    """A case's file: text saved as UTF-8, or {encoding, text} saved in that encoding."""
    if isinstance(given, dict):
        return given["text"].encode(given["encoding"])
    return given.encode("utf-8")


def load_rule(code: str, files: dict) -> list[Finding]:
    """The findings of one loader rule on files loaded by the real loader."""
    loaded = load_texts({path: _file_bytes(given) for path, given in files.items()})
    return [f for f in loaded.findings if f.code == code]


def _unmatched(expected: list[dict], found: list[Finding]) -> tuple[list[dict], list[Finding]]:
    """(expected but not found, found but not expected), the most specific expectations first."""
    unmatched = list(found)
    missing = []
    for expectation in sorted(expected, key=lambda e: -len(e)):
        hit = next((f for f in unmatched if _matches(expectation, f)), None)
        if hit is None:
            missing.append(expectation)
        else:
            unmatched.remove(hit)
    return missing, unmatched


@pytest.mark.parametrize("code, case", list(_cases(loader=True)))
def test_loader_case(code, case):
    missing, unexpected = _unmatched(case["expect"], load_rule(code, case["manifests"]))
    assert not missing and not unexpected, (
        "expected but not found:\n"
        + "\n".join(map(str, missing))
        + "\nfound but not expected:\n"
        + "\n".join(map(_show, unexpected))
    )


@pytest.mark.parametrize("code, case", list(_cases(loader=True)))
def test_loader_findings_are_well_formed_and_deterministic(code, case):
    found = load_rule(code, case["manifests"])
    assert load_rule(code, dict(reversed(list(case["manifests"].items())))) == found
    spec = builtin_rules().spec(code)
    for finding in found:
        assert finding.location is not None and finding.path in case["manifests"], _show(finding)
        assert set(finding.entities) <= set(spec.entities), _show(finding)
        assert not finding.message.endswith("."), finding.message


def test_every_loader_rule_has_failing_and_passing_cases():
    by_rule: dict[str, list[dict]] = {}
    for param in _cases(loader=True):
        code, case = param.values
        by_rule.setdefault(code, []).append(case)
    for code in LOADER_CODES:
        cases = by_rule.get(code, [])
        assert any(c["expect"] for c in cases), f"{code}: no failing case"
        assert any(not c["expect"] for c in cases), f"{code}: no passing case"
