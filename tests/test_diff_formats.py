"""The text, markdown and json output of `archlint diff` on a scripted change to a sample,
held against golden files (tests/golden/diff/), and the markdown's cap."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import REPO, check_golden, run_cli
from helpers.git_repo import commit, git, init_repo

from archlint.changes import KINDS, Change, EstateDiff
from archlint.formats.diff import render_diff
from archlint.formats.diff.comment import GITHUB_LIMIT
from archlint.model import Location

GOLDEN = REPO / "tests" / "golden" / "diff"
SAMPLE = REPO / "samples" / "shop-request-driven"

INVOICING = """\
# A new service: it cancels orders itself (a second writer of the orders topic) and asks
# payments for every invoice (a query into another context).
apiVersion: archlint/v1
kind: Service
metadata:
  name: invoicing
  context: orders
spec:
  availability: 99.9
  produces:
    - topic: orders
      events: [OrderInvoiced]
  queries:
    - to: payments
      name: GetPayment
"""


def _script(root):
    """The scripted change: a new service, a query removed, a better availability."""
    basket = (root / "basket/basket.yaml").read_text(encoding="utf-8")
    basket = basket.replace(
        "  queries:\n    - to: catalogue\n      name: GetPrice            # remote read across contexts, on every page view\n",
        "",
    )
    fraud = (root / "payments/fraud-check.yaml").read_text(encoding="utf-8")
    return {
        "orders/invoicing.yaml": INVOICING,
        "basket/basket.yaml": basket,
        "payments/fraud-check.yaml": fraud.replace("availability: 99.5", "availability: 99.9"),
    }


@pytest.fixture(scope="module")
def scripted(tmp_path_factory):
    root = init_repo(tmp_path_factory.mktemp("diff") / "repo")
    shutil.copytree(SAMPLE, root, dirs_exist_ok=True)
    commit(root, "the sample", {})
    commit(root, "the scripted change", _script(root))
    hashes = {
        git(root, "rev-parse", rev).strip(): name
        for rev, name in (("HEAD~1", "BASE"), ("HEAD", "HEAD"))
    }
    return root, hashes


def _output(scripted, fmt):
    root, hashes = scripted
    result = run_cli(["diff", "HEAD~1", "HEAD", "--format", fmt], cwd=root)
    assert result.exit_code == 1, result.output  # it introduces errors
    text = result.output
    for commit_hash, name in hashes.items():  # commits differ with git versions and dates
        text = text.replace(commit_hash, f"<{name}-COMMIT>").replace(commit_hash[:12], f"<{name}>")
    return text


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden(scripted, fmt, suffix):
    check_golden(GOLDEN / f"shop-request-driven.{suffix}", _output(scripted, fmt))


def test_the_scripted_change_is_what_the_json_says(scripted):
    data = json.loads(_output(scripted, "json"))
    kinds = {c["kind"] for c in data["changes"]}
    assert {
        "service-added",
        "writer-added",
        "call-added",
        "call-removed",
        "service-changed",
    } <= kinds
    assert "event-added" in kinds  # OrderInvoiced is new on the orders topic
    (storefront,) = data["availability"]
    assert storefront["service"] == "storefront" and storefront["after"] > storefront["before"]
    assert [f["code"] for f in data["findings"]["fixed"]] == ["CX001"]
    assert {f["code"] for f in data["findings"]["introduced"]} >= {"SW003", "CX001"}
    ranks = [KINDS.index(c["kind"]) for c in data["changes"]]
    assert ranks == sorted(ranks)  # listed in the contract's order of kinds


def _huge_diff(n):
    changes = tuple(
        Change(
            "writer-added",
            (("topic", f"topic-{i:05d}-" + "x" * 40), ("service", f"service-{i:05d}")),
            "head",
            Location(f"services/s{i:05d}.yaml", 3, 5),
        )
        for i in range(n)
    )
    return EstateDiff(changes, (), (), 0, ())


def test_markdown_is_capped_below_githubs_limit_with_a_note_of_what_was_cut():
    text = render_diff("markdown", _huge_diff(5000))
    assert len(text) < GITHUB_LIMIT
    assert "more items not shown" in text
    shown = text.count("- + service-")
    cut = int(text.split("- … ")[1].split(" ")[0])
    assert shown + cut == 5000
    assert text.rstrip().endswith("</details>")


def test_small_markdown_is_whole():
    text = render_diff("markdown", _huge_diff(10))
    assert "not shown" not in text and text.count("- + service-") == 10
