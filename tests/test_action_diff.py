"""The composite action's `mode: diff` steps, run for real on a git repository: the diff
against the pull request's base in the job summary, the sticky comment through a fake `gh`,
and the failing step."""

from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest
import yaml
from helpers import CROSS_CONTEXT_QUERY
from helpers.action import ACTION, BIN, check_jsonschema, docs_snippet, run_step
from helpers.git_repo import commit, git, init_repo

CLEAN = CROSS_CONTEXT_QUERY.replace(
    "  queries: [{to: stock, name: GetLevel}]\n", "  global: false\n"
)

# A fake GitHub CLI: records each call and its standard input; lists the comments in
# $FAKE_COMMENTS for `gh api --paginate`.
FAKE_GH = """#!/bin/sh
input=$(cat 2>/dev/null || true)
printf '%s\\n' "$*" >> "$FAKE_LOG"
case "$*" in
  *--paginate*) jq -r '.[] | select(.body | startswith("<!-- archlint-diff -->")) | .id' "$FAKE_COMMENTS" ;;
  *) printf '%s' "$input" > "$FAKE_BODY" ;;
esac
"""


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose main branch is clean and whose feature branch adds a CX001."""
    root = init_repo(tmp_path / "repo")
    commit(root, "base", {"services/estate.yaml": CLEAN})
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, "feature", {"services/estate.yaml": CROSS_CONTEXT_QUERY})
    files = {name: tmp_path / name for name in ("output", "summary", "log", "body")}
    for f in files.values():
        f.write_text("")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}))
    inputs = {k: v.get("default", "") for k, v in ACTION["inputs"].items()}
    inputs.update(mode="diff", paths="services", comment="true", **{"github-token": "t0ken"})
    context = {
        "inputs": inputs,
        "steps": {"diff": {"outputs": {}}},
        "runner_env": {
            "GITHUB_ACTIONS": "true",
            "GITHUB_BASE_REF": "main",
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_REPOSITORY": "acme/estate",
            "FAKE_LOG": str(files["log"]),
            "FAKE_BODY": str(files["body"]),
            "FAKE_COMMENTS": str(tmp_path / "comments.json"),
        },
    }
    return root, files, context, tmp_path


def _fake_gh(folder):
    gh = folder / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text(FAKE_GH)
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    return str(gh.parent)


def test_diff_step_writes_the_summary_and_keeps_the_exit_code(pull_request):
    root, files, context, _ = pull_request
    done = run_step("Diff against the base", root, context)
    assert done.returncode == 0, done.stderr
    outputs = dict(line.split("=", 1) for line in files["output"].read_text().splitlines())
    assert outputs == {"exit-code": "1"}
    summary = files["summary"].read_text()
    assert summary.startswith("<!-- archlint-diff -->\n❌")
    assert "basket now queries stock (GetLevel), across contexts" in summary
    context["steps"]["diff"]["outputs"] = outputs
    assert run_step("Fail on new findings", root, context).returncode == 1


@pytest.mark.parametrize("existing", [False, True])
def test_the_comment_is_sticky(pull_request, existing):
    root, files, context, tmp = pull_request
    comments = [{"id": 1, "body": "LGTM"}] + (
        [{"id": 42, "body": "<!-- archlint-diff -->\nold"}] if existing else []
    )
    (tmp / "comments.json").write_text(json.dumps(comments))
    assert run_step("Diff against the base", root, context).returncode == 0
    done = run_step("Comment on the pull request", root, context, path=_fake_gh(tmp))
    assert done.returncode == 0, done.stderr
    calls = files["log"].read_text().splitlines()
    assert calls[0].startswith("api --paginate repos/acme/estate/issues/7/comments")
    if existing:
        assert calls[1] == "api -X PATCH repos/acme/estate/issues/comments/42 --input -"
    else:
        assert calls[1] == "api -X POST repos/acme/estate/issues/7/comments --input -"
    body = json.loads(files["body"].read_text())["body"]
    assert body == (root / "archlint-diff.md").read_text()


def test_an_explicit_base_and_a_clean_change(pull_request):
    root, files, context, _ = pull_request
    context["inputs"]["base"] = "HEAD"
    assert run_step("Diff against the base", root, context).returncode == 0
    assert "exit-code=0" in files["output"].read_text()
    assert "no change to the architecture" in files["summary"].read_text()


def test_lint_mode_skips_the_diff_steps():
    conditions = {s["name"]: s.get("if", "") for s in ACTION["runs"]["steps"]}
    for name in ("Diff against the base", "Comment on the pull request", "Fail on new findings"):
        assert "inputs.mode == 'diff'" in conditions[name]
    for name in ("Lint the estate", "Upload SARIF to code scanning", "Fail on findings"):
        assert "inputs.mode != 'diff'" in conditions[name]
    assert os.path.basename(ACTION["outputs"]["diff-file"]["value"]) == "archlint-diff.md"


# -- the documentation's snippets ----------------------------------------------------------------------

PAGE = "diff.md"  # "Reviewing a pull request"


def test_the_workflow_snippet_is_valid_and_uses_only_the_actions_inputs(tmp_path):
    text = docs_snippet(PAGE, "yaml .github/workflows/archlint-diff.yml")
    (tmp_path / "workflow.yml").write_text(text)
    check_jsonschema("vendor.github-workflows", tmp_path / "workflow.yml")
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["diff"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    action = steps[1]
    assert action["with"]["mode"] == "diff" and set(action["with"]) <= set(ACTION["inputs"])
    assert workflow["permissions"]["pull-requests"] == "write"


FAKE_CURL = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_LOG"
"""


def test_the_gitlab_job_posts_the_markdown_as_a_merge_request_note(pull_request):
    root, files, _, tmp = pull_request
    text = docs_snippet(PAGE, "yaml .gitlab-ci.yml (diff)")
    (tmp / ".gitlab-ci.yml").write_text(text)
    check_jsonschema("vendor.gitlab-ci", tmp / ".gitlab-ci.yml")
    job = yaml.safe_load(text)["archlint-diff"]
    curl = tmp / "bin" / "curl"
    curl.parent.mkdir()
    curl.write_text(FAKE_CURL)
    curl.chmod(curl.stat().st_mode | stat.S_IEXEC)
    git(root, "remote", "add", "origin", str(root))  # the fetch reads the repository itself
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))
    env = {
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_API_V4_URL": "https://gitlab.example/api/v4",
        "CI_PROJECT_ID": "12",
        "CI_MERGE_REQUEST_IID": "3",
        "ARCHLINT_GITLAB_TOKEN": "t0ken",
        "FAKE_LOG": str(files["log"]),
    }
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_"))}
    base["PATH"] = f"{curl.parent}{os.pathsep}{BIN}{os.pathsep}{base['PATH']}"
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=root, env={**base, **env}, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr  # the job fails on the new CX001, after posting
    posted = files["log"].read_text().splitlines()
    assert "body@archlint-diff.md" in posted and "PRIVATE-TOKEN: t0ken" in posted
    assert posted[-1] == "https://gitlab.example/api/v4/projects/12/merge_requests/3/notes"
    assert (root / "archlint-diff.md").read_text().startswith("<!-- archlint-diff -->")
