"""`--format json-lines`: one finding per line, each the JSON contract's finding."""

from __future__ import annotations

import json

from helpers import run_cli, write_files
from helpers.ci import awkward_result, check_golden, clean_result

from archlint.formats import render


def test_golden():
    check_golden("awkward.jsonl", render("json-lines", awkward_result()))


def test_one_contract_finding_per_line():
    result = awkward_result()
    lines = render("json-lines", result).splitlines()
    assert [json.loads(line) for line in lines] == [f.to_dict() for f in result.findings]


def test_clean_prints_nothing():
    assert render("json-lines", clean_result()) == ""


def test_matches_the_json_format(tmp_path):
    root = write_files(
        tmp_path,
        {
            "estate.yaml": """\
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: billing, context: billing}
        spec:
          queries: [{to: stock, name: GetLevel}]
          produces: [{topic: orders, events: [A, B]}]
        ---
        apiVersion: archlint/v1
        kind: Service
        metadata: {name: stock, context: inventory}
        """
        },
    )
    lines = run_cli(["lint", "--format", "json-lines"], cwd=root).output.splitlines()
    doc = json.loads(run_cli(["lint", "--format", "json"], cwd=root).output)
    assert [json.loads(line) for line in lines] == doc["findings"] and len(lines) >= 2
