"""`--format gitlab`: a Code Quality report with every field GitLab requires, fingerprints
that ignore lines, and a real run."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

from helpers import REPO, run_cli
from helpers.ci import assert_code_quality_report, awkward_result, check_golden, clean_result

from archlint.formats import render
from archlint.model import Location


def test_golden():
    check_golden("awkward.gitlab.json", render("gitlab", awkward_result()))


def test_required_fields_and_severities():
    report = assert_code_quality_report(render("gitlab", awkward_result()))
    assert [i["severity"] for i in report] == ["major", "major", "major", "minor", "info"]
    assert report[0]["location"] == {"path": "services/billing.yaml", "lines": {"begin": 7}}
    assert report[0]["check_name"] == "AL002"


def test_fingerprints_ignore_lines():
    result = awkward_result()
    moved = replace(
        result,
        findings=tuple(
            replace(f, location=Location(f.location.path, f.location.line + 3, 1))
            for f in result.findings
        ),
    )
    prints = lambda r: [i["fingerprint"] for i in json.loads(render("gitlab", r))]  # noqa: E731
    assert prints(moved) == prints(result)


def test_clean_is_an_empty_list():
    assert json.loads(render("gitlab", clean_result())) == []


def test_real_run_on_a_sample(tmp_path):
    shutil.copytree(REPO / "samples" / "shop-request-driven", tmp_path / "estate")
    result = run_cli(["lint", "estate", "--format", "gitlab"], cwd=tmp_path)
    assert result.exit_code == 1
    report = assert_code_quality_report(result.output)
    assert report and all(i["location"]["path"].startswith("estate/") for i in report)
