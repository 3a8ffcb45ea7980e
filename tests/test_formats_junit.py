"""`--format junit`: XML that a JUnit parser (junitparser, as CI servers parse it) reads
as one suite per file and one failure per finding."""

from __future__ import annotations

import shutil

from helpers import REPO, run_cli
from helpers.ci import ODD_PATH, awkward_result, check_golden, clean_result
from junitparser import Failure, JUnitXml

from archlint.formats import render


def parse(text: str, tmp_path) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def failures_of(xml: JUnitXml) -> list[tuple[str, str, Failure]]:
    return [
        (suite.name, case.name, r)
        for suite in xml
        for case in suite
        for r in case.result
        if isinstance(r, Failure)
    ]


def test_golden():
    check_golden("awkward.junit.xml", render("junit", awkward_result()))


def test_a_suite_per_file_and_a_failure_per_finding(tmp_path):
    result = awkward_result()
    xml = parse(render("junit", result), tmp_path)
    assert [s.name for s in xml] == sorted(result.estate.paths)
    failures = failures_of(xml)
    assert len(failures) == len(result.findings)
    assert xml.tests == len(result.findings) + 1  # + the clean file's passing case
    assert xml.failures == len(result.findings)
    by_suite = {name: [] for name in result.estate.paths}
    for suite, _, failure in failures:
        by_suite[suite].append(failure.type)
    assert by_suite["services/billing.yaml"] == ["AL002", "AL002", "XR001"]
    assert by_suite[ODD_PATH] == ["CX002"]
    assert by_suite["services/stock.yaml"] == []
    stock = next(s for s in xml if s.name == "services/stock.yaml")
    assert [c.is_passed for c in stock] == [True]


def test_awkward_text_survives(tmp_path):
    xml = parse(render("junit", awkward_result()), tmp_path)
    messages = [f.message for _, _, f in failures_of(xml)]
    assert any('"Bestellung<é>" & friends' in m for m in messages)
    assert any("100% of calls" in m and "\n" in m for m in messages)
    assert any(
        "services/orders.yaml:12:9: RF003 [produced-never-consumed] (info)" in f.text
        for _, _, f in failures_of(xml)
    )


def test_clean_estate_passes(tmp_path):
    xml = parse(render("junit", clean_result()), tmp_path)
    assert (xml.tests, xml.failures) == (1, 0)


def test_real_run_on_a_sample(tmp_path):
    shutil.copytree(REPO / "samples" / "shop-request-driven", tmp_path / "estate")
    result = run_cli(["lint", "estate", "--format", "junit", "-o", "junit.xml"], cwd=tmp_path)
    assert result.exit_code == 1
    xml = JUnitXml.fromfile(str(tmp_path / "junit.xml"))
    json_result = run_cli(["lint", "estate", "--format", "json-lines"], cwd=tmp_path)
    assert len(failures_of(xml)) == len(json_result.output.splitlines()) > 0
