"""`archlint diff` on real git repositories made in temporary folders."""

from __future__ import annotations

import json

import pytest
from helpers import REPO, run_cli
from helpers.git_repo import commit, git, init_repo, state

ORDERS = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
spec:
  owns: [orders]
  produces:
    - topic: orders
      events: [OrderPlaced]
"""
STOCK = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: stock}
spec:
  consumes: [{topic: orders}]
"""
BILLING = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: billing, context: billing}
spec:
  consumes: [{topic: orders}]
"""
# billing writes the orders topic, which orders owns (SW003), and queries stock across
# contexts (CX001)
BILLING_BAD = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: billing, context: billing}
spec:
  consumes: [{topic: orders}]
  produces: [{topic: orders, events: [Invoiced]}]
  queries: [{to: stock, name: GetStockLevel}]
"""


@pytest.fixture
def repo(tmp_path):
    root = init_repo(tmp_path / "repo")
    commit(
        root,
        "base",
        {
            "services/orders.yaml": ORDERS,
            "services/stock.yaml": STOCK,
            "services/billing.yaml": BILLING,
        },
    )
    return root


def diff_json(root, *args):
    result = run_cli(["diff", *args, "--format", "json"], cwd=root)
    return result.exit_code, json.loads(result.output)


def kinds(data):
    return [c["kind"] for c in data["changes"]]


def test_a_second_writer_and_a_cross_context_query_are_changes_and_introduced_findings(repo):
    commit(repo, "billing writes orders", {"services/billing.yaml": BILLING_BAD})
    code, data = diff_json(repo, "HEAD~1", "HEAD", "--fail-on-new", "error")
    assert code == 1
    writer = next(c for c in data["changes"] if c["kind"] == "writer-added")
    assert writer == {
        "kind": "writer-added",
        "topic": "orders",
        "service": "billing",
        "side": "head",
        "path": "services/billing.yaml",
        "line": 6,
    }
    call = next(c for c in data["changes"] if c["kind"] == "call-added")
    assert call["cross_context"] is True and call["target"] == "stock"
    assert call["name"] == "GetStockLevel" and call["call"] == "query"
    introduced = {f["code"] for f in data["findings"]["introduced"]}
    assert {"SW003", "CX001"} <= introduced
    assert data["findings"]["fixed"] == []
    assert data["summary"]["introduced"]["error"] == len(data["findings"]["introduced"])
    assert data["base"]["ref"] == "HEAD~1" and len(data["base"]["commit"]) == 40
    assert data["head"]["services"] == 3


def test_existing_findings_never_fail_a_diff(repo):
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    commit(repo, "unrelated", {"services/stock.yaml": STOCK.replace("stock}", "stock, owner: x}")})
    code, data = diff_json(repo, "HEAD~1", "HEAD")
    assert code == 0
    assert data["findings"]["introduced"] == [] and data["findings"]["unchanged"] >= 2


def test_fail_on_new_thresholds(repo):
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    assert run_cli(["diff", "HEAD~1", "HEAD", "--fail-on-new", "never"], cwd=repo).exit_code == 0
    assert run_cli(["diff", "HEAD~1", "HEAD", "--fail-on-new", "info"], cwd=repo).exit_code == 1


def test_a_commit_that_only_fixes_a_finding_exits_0_and_lists_it_as_fixed(repo):
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    commit(
        repo,
        "fix",
        {
            "services/billing.yaml": BILLING_BAD.replace(
                "  queries: [{to: stock, name: GetStockLevel}]\n", ""
            )
        },
    )
    code, data = diff_json(repo, "HEAD~1", "HEAD")
    assert code == 0
    assert [f["code"] for f in data["findings"]["fixed"]] == ["CX001"]
    assert data["findings"]["introduced"] == []
    assert kinds(data) == ["call-removed"]
    assert data["changes"][0]["side"] == "base"


def test_a_renamed_file_with_no_semantic_change_is_no_change(repo):
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    commit(
        repo, "move", {"services/billing.yaml": None, "services/finance/billing.yaml": BILLING_BAD}
    )
    code, data = diff_json(repo, "HEAD~1", "HEAD")
    assert code == 0
    assert data["changes"] == []
    assert data["findings"]["introduced"] == [] and data["findings"]["fixed"] == []
    text = run_cli(["diff", "HEAD~1", "HEAD"], cwd=repo).output
    assert "No change to the architecture." in text


def test_a_moved_service_shows_the_move_and_the_cross_context_calls_it_creates(tmp_path):
    root = init_repo(tmp_path / "repo")
    basket = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: basket, context: shop}\nspec:\n  queries: [{to: stock, name: GetLevel}]\n"
    stock = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: stock, context: shop}\n"
    commit(root, "base", {"basket.yaml": basket, "stock.yaml": stock})
    commit(root, "move", {"stock.yaml": stock.replace("context: shop", "context: inventory")})
    code, data = diff_json(root, "HEAD~1", "HEAD")
    assert code == 1  # the query now crosses contexts: CX001
    (moved,) = data["changes"]
    assert moved["kind"] == "service-moved" and moved["service"] == "stock"
    assert (moved["before"], moved["after"]) == ("shop", "inventory")
    assert moved["cross_context_calls"] == [
        {"call": "query", "service": "basket", "target": "stock", "name": "GetLevel"}
    ]
    assert [f["code"] for f in data["findings"]["introduced"]] == ["CX001"]
    text = run_cli(["diff", "HEAD~1", "HEAD"], cwd=root).output
    assert "service stock moved from context shop to inventory" in text
    assert "basket queries stock (GetLevel)" in text


def test_the_working_tree_is_the_default_head_and_is_left_untouched(repo):
    (repo / "services/billing.yaml").write_text(BILLING_BAD, encoding="utf-8")
    (repo / "services/new.yaml").write_text(
        "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: new, context: new}\n",
        encoding="utf-8",
    )
    git(repo, "add", "services/new.yaml")
    before = state(repo)
    code, data = diff_json(repo, "HEAD")
    assert state(repo) == before
    assert code == 1
    assert data["head"] == {"ref": "WORKTREE", "commit": None, "services": 4}
    assert "service-added" in kinds(data) and "writer-added" in kinds(data)


def test_merge_base_diffs_against_the_common_ancestor(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, "feature", {"services/billing.yaml": BILLING_BAD})
    git(repo, "checkout", "-q", "main")
    commit(
        repo, "main moves on", {"services/stock.yaml": STOCK.replace("stock}", "stock, owner: y}")}
    )
    _, plain = diff_json(repo, "main", "feature")
    _, merged = diff_json(repo, "main", "feature", "--merge-base")
    assert merged["base"]["commit"] == git(repo, "merge-base", "main", "feature").strip()
    assert "writer-added" in kinds(merged) and "writer-added" in kinds(plain)


def test_a_subfolder_and_configured_paths_apply_on_both_sides(repo):
    commit(repo, "config", {"archlint.yaml": "paths: [services]\nexclude: ['*/stock.yaml']\n"})
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    _, data = diff_json(repo, "HEAD~1", "HEAD")
    assert data["base"]["services"] == 2 and data["head"]["services"] == 2
    sub = run_cli(
        ["diff", "HEAD~1", "HEAD", "--format", "json", "--path", "."], cwd=repo / "services"
    )
    assert json.loads(sub.output)["changes"][0]["path"] == "billing.yaml"


def test_an_unknown_revision_is_exit_2(repo):
    result = run_cli(["diff", "no-such-branch"], cwd=repo)
    assert result.exit_code == 2
    assert "unknown revision 'no-such-branch'" in result.output


def test_a_path_outside_the_repository_is_exit_2(repo, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    result = run_cli(["diff", "HEAD", "--path", str(tmp_path / "elsewhere")], cwd=repo)
    assert result.exit_code == 2
    assert "is not in the git repository" in result.output


def test_a_side_that_cannot_be_loaded_is_exit_2_naming_the_side(repo):
    result = run_cli(["diff", "HEAD", "--path", "missing"], cwd=repo)
    assert result.exit_code == 2
    assert "head (WORKTREE): path 'missing' does not exist" in result.output


def test_not_a_repository_is_exit_2(tmp_path):
    result = run_cli(["diff", "HEAD"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "not in a git repository" in result.output


def test_two_folders(tmp_path):
    for side, billing in (("old", BILLING), ("new", BILLING_BAD)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "orders.yaml").write_text(ORDERS, encoding="utf-8")
        (tmp_path / side / "stock.yaml").write_text(STOCK, encoding="utf-8")
        (tmp_path / side / "billing.yaml").write_text(billing, encoding="utf-8")
    code, data = diff_json(tmp_path, "old", "new")
    assert code == 1
    assert data["base"] == {"ref": "old", "commit": None, "services": 3}
    assert {"writer-added", "call-added"} <= set(kinds(data))
    assert {f["path"] for f in data["findings"]["introduced"]} == {"billing.yaml"}


def test_sarif_holds_the_introduced_findings_only(repo):
    commit(repo, "bad", {"services/billing.yaml": BILLING_BAD})
    commit(repo, "worse", {"services/stock.yaml": STOCK + "  queries: [{to: billing, name: X}]\n"})
    sarif = json.loads(run_cli(["diff", "HEAD~1", "HEAD", "--format", "sarif"], cwd=repo).output)
    results = sarif["runs"][0]["results"]
    # stock now queries billing: a cross-context query and a cycle; SW003 was there before
    assert sorted(r["ruleId"] for r in results) == ["CX001", "SY001"]
    (query,) = (r for r in results if r["ruleId"] == "CX001")
    assert query["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "services/stock.yaml"
    )


def test_a_revision_is_read_as_the_working_tree_is(tmp_path):
    """What a revision reads from git objects is what a lint of the same folder reads:
    nested folders, a file named by `paths` whatever its suffix, and nothing from skipped
    folders, virtual environments, excluded globs or files of other suffixes."""
    root = init_repo(tmp_path / "repo")
    one = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: NAME, context: c}\n"
    files = {
        "archlint.yaml": "paths: [estate, extra.manifest]\nexclude: ['*/generated/*', 'old']\n",
        "estate/a.yaml": one.replace("NAME", "a"),
        "estate/deep/er/b.yml": one.replace("NAME", "b"),
        "estate/generated/c.yaml": one.replace("NAME", "c"),
        "estate/old/d.yaml": one.replace("NAME", "d"),
        "estate/node_modules/e.yaml": one.replace("NAME", "e"),
        "estate/venv1/pyvenv.cfg": "home = /usr\n",
        "estate/venv1/f.yaml": one.replace("NAME", "f"),
        "estate/notes.txt": one.replace("NAME", "g"),
        "extra.manifest": one.replace("NAME", "h"),
        "elsewhere/i.yaml": one.replace("NAME", "i"),
    }
    commit(root, "estate", files)
    code, data = diff_json(root, "HEAD")
    assert code == 0
    assert data["changes"] == [] and data["findings"]["introduced"] == []
    assert data["base"]["services"] == data["head"]["services"] == 3  # a, b, h
    sub = run_cli(["diff", "HEAD", "--format", "json", "--path", "."], cwd=root / "estate" / "deep")
    assert json.loads(sub.output)["changes"] == []


def test_asyncapi_documents_with_external_refs_are_read_with_the_files_beside_them(tmp_path):
    root = init_repo(tmp_path / "repo")
    example = REPO / "tests/fixtures/asyncapi/v3.0.0/examples/social-media"
    files = {
        str(p.relative_to(example)): p.read_text(encoding="utf-8")
        for p in sorted(example.rglob("*.yaml"))
    }
    files["archlint.yaml"] = "asyncapi: {contexts: {'*': social}}\n"
    commit(root, "asyncapi", files)
    code, data = diff_json(root, "HEAD")
    assert data["base"]["services"] == data["head"]["services"] > 0
    assert data["changes"] == [] and data["findings"]["introduced"] == []
    assert data["findings"]["fixed"] == []
    assert code == 0
