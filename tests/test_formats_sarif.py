"""SARIF 2.1.0: the log's shape, fingerprints that ignore lines, and Microsoft's SARIF
Multitool (the reference validator) reporting zero errors and zero warnings, with its
SARIF rules and with GitHub code scanning's ingestion rules."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from helpers import REPO, run_cli
from helpers.ci import (
    CATALOGUE,
    ODD_PATH,
    awkward_result,
    check_golden,
    clean_result,
    multitool_problems,
)

from archlint.formats import render, sarif
from archlint.model import Location
from archlint.rule_pages import read_pages

HOMEPAGE = "https://example.org/archlint"


def log_of(result, catalogue=CATALOGUE):
    return sarif.sarif_log(result, tuple(catalogue.values()), "1.2.3", HOMEPAGE)


def test_golden():
    text = json.dumps(log_of(awkward_result()), indent=2, ensure_ascii=False) + "\n"
    check_golden("awkward.sarif", text)


def test_driver_lists_every_catalogue_rule_with_its_documentation():
    log = json.loads(render("sarif", awkward_result()))
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("archlint", sarif.__version__)
    assert driver["informationUri"].startswith("https://")
    catalogue = {s.code: s for s in read_pages()}
    ids = [r["id"] for r in driver["rules"]]
    assert ids[: len(catalogue)] == list(catalogue) and ids[len(catalogue) :] == ["XR001"]
    for rule in driver["rules"][: len(catalogue)]:
        spec = catalogue[rule["id"]]
        assert rule["name"] == spec.slug
        assert rule["shortDescription"]["text"].startswith(spec.summary.rstrip("."))
        assert rule["fullDescription"]["text"]
        assert spec.summary.rstrip(".") in rule["help"]["text"]
        assert f"**{spec.code} {spec.slug}**" in rule["help"]["markdown"]
        if spec.fix:
            assert "### How to fix" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == sarif.LEVEL[spec.severity]


def test_results_point_at_repository_relative_files():
    result = awkward_result()
    run = log_of(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(result.findings)
    for item, f in zip(run["results"], result.findings, strict=False):
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"] == f.code
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert item["message"]["text"].endswith(".")
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not physical["artifactLocation"]["uri"].startswith(("/", "file:"))
        assert physical["region"] == {
            "startLine": f.location.line,
            "startColumn": f.location.column,
        }
    odd = next(i for i in run["results"] if i["ruleId"] == "CX002")
    assert (
        odd["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "services/odd%2C%20name%3A%20100%25.yaml"
    )
    assert "%SRCROOT%" in run["originalUriBaseIds"]


def test_custom_rule_gets_a_descriptor():
    rules = log_of(awkward_result())["runs"][0]["tool"]["driver"]["rules"]
    custom = rules[-1]
    assert (custom["id"], custom["name"]) == ("XR001", "no-billing-to-stock")


def test_fingerprints_ignore_lines_and_are_unique():
    result = awkward_result()
    moved = replace(
        result,
        findings=tuple(
            replace(f, location=Location(f.location.path, f.location.line + 40, 1))
            for f in result.findings
        ),
    )

    def prints(r):
        return [
            i["partialFingerprints"][sarif.FINGERPRINT_KEY] for i in log_of(r)["runs"][0]["results"]
        ]

    assert prints(moved) == prints(result)
    assert len(set(prints(result))) == len(result.findings)  # even the two AL002 of one file
    renamed = replace(
        result,
        findings=tuple(
            replace(f, entities={**f.entities, "service": "payments"}) if f.code == "CX002" else f
            for f in result.findings
        ),
    )
    assert prints(renamed) != prints(result)


def test_output_is_deterministic():
    assert render("sarif", awkward_result()) == render("sarif", awkward_result())


@pytest.fixture(scope="module")
def sarif_files(tmp_path_factory):
    """SARIF from a unit result, a clean result, and real runs on the bundled samples."""
    root = tmp_path_factory.mktemp("sarif")
    files = []
    for name, result in (("awkward", awkward_result()), ("clean", clean_result())):
        path = root / f"{name}.sarif"
        path.write_text(render("sarif", result), encoding="utf-8")
        files.append(path)
    for sample in ("shop-request-driven", "clustered-contexts"):
        work = root / sample
        shutil.copytree(REPO / "samples" / sample, work / "samples" / sample)
        out = work / "archlint.sarif"
        result = run_cli(
            ["lint", f"samples/{sample}", "--format", "sarif", "-o", str(out)], cwd=work
        )
        assert result.exit_code in (0, 1), result.output
        files.append(out)
    request_driven = json.loads(files[2].read_text(encoding="utf-8"))
    assert request_driven["runs"][0]["results"], "the request-driven sample has findings"
    return files


@pytest.mark.slow  # the .NET Multitool takes seconds to start
def test_multitool_reports_no_errors_or_warnings(sarif_files, tmp_path):
    assert multitool_problems(sarif_files, tmp_path) == []


@pytest.mark.slow
def test_multitool_does_catch_what_we_avoid(tmp_path):
    """The validation above can fail: the same log without informationUri and version,
    with a message that is no sentence, and a result without a location, is reported."""
    log = log_of(awkward_result())
    driver = log["runs"][0]["tool"]["driver"]
    del driver["informationUri"]
    del driver["version"], driver["semanticVersion"]
    log["runs"][0]["results"][0]["message"]["text"] = "no period"
    del log["runs"][0]["results"][1]["locations"]
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    problems = multitool_problems([path], tmp_path)
    assert any(p.startswith("SARIF2005") for p in problems), problems
    assert any(p.startswith("GH") for p in problems), problems


def test_cli_writes_sarif_for_an_odd_path(estate_dir):
    root = estate_dir(
        {
            ODD_PATH: """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: billing, context: billing}
        spec:
          produces: [{topic: orders}]
        """
        }
    )
    result = run_cli(["lint", "--format", "sarif"], cwd=root)
    run = json.loads(result.output)["runs"][0]
    uris = {
        i["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for i in run["results"]
    }
    assert uris == {"services/odd%2C%20name%3A%20100%25.yaml"}


def test_every_builtin_rule_links_to_its_page_in_the_repository():
    """helpUri: docs/rules/<CODE>.md on the main branch, a file the repository has (made by
    scripts/update_docs.py); a custom rule's page is only in the configuration: none."""
    driver = json.loads(render("sarif", awkward_result()))["runs"][0]["tool"]["driver"]
    links = {rule["id"]: rule.get("helpUri") for rule in driver["rules"]}
    prefix = "https://github.com/archlint/archlint/blob/main/"
    for spec in read_pages():
        uri = links[spec.code]
        assert uri == f"{prefix}docs/rules/{spec.code}.md"
        page = (REPO / uri.removeprefix(prefix)).read_text(encoding="utf-8")
        assert page.splitlines()[1] == f"# {spec.code} {spec.slug}"
    assert links["XR001"] is None
