"""Every rule is drawn: the failing example of each rule page, linted, shows the rule's code
on some node or edge of the service-level diagram. What a finding points at is worked out
for every code alike (archlint.findings.pointed_at), so a rule whose entities point at
nothing a diagram draws fails here, not silently in a user's drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archlint.config.settings import Config
from archlint.diagram.service_level import service_diagram
from archlint.engine import run_checks
from archlint.interactions import Interactions
from archlint.loader import load_texts
from archlint.registry import LOADER_CODES
from archlint.rule_pages import builtin_rules

RULES = Path(__file__).resolve().parent.parent / "rules"
# Problems of a file (unreadable, invalid, a duplicate key): nothing in the estate to draw.
FILE_PROBLEMS = ("AL001", "AL002", "AL003", "AL004", "AL006")
# A broker principal that maps to no service: nothing the estate has, so nothing to draw.
OUTSIDE_THE_ESTATE = ("BR006",)
PAGES = sorted(
    p.stem for p in RULES.glob("*.yaml") if p.stem not in FILE_PROBLEMS + OUTSIDE_THE_ESTATE
)


def test_the_file_problems_are_the_loaders_codes():
    assert set(FILE_PROBLEMS) == LOADER_CODES
    assert len(PAGES) >= 15  # every other page is checked below


@pytest.mark.parametrize("code", PAGES)
def test_the_failing_example_of_each_rule_is_drawn_red(code):
    page = yaml.safe_load((RULES / f"{code}.yaml").read_text(encoding="utf-8"))
    loaded = load_texts({f"{code}.yaml": page["fails"]})
    interactions = Interactions(loaded.estate)
    findings = run_checks(interactions, builtin_rules(), Config(), loaded.findings)
    assert code in {f.code for f in findings}, f"{code}: its failing example does not fail"
    diagram = service_diagram(interactions, findings)
    drawn = {c for n in diagram.nodes for c in n.rules} | {
        c for e in diagram.edges for c in e.rules
    }
    assert code in drawn, f"{code}: a finding of it is drawn on no node and no edge"
