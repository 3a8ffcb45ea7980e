"""The "CI and editors" documentation and the files it points at, exercised with the tools
that exist here: the snippets validate against the schemas GitHub's and GitLab's own
editors use (check-jsonschema's vendored SchemaStore copies), the composite action's and
the GitLab job's shell steps run for real against an estate, and the commands shown run.

The pre-commit snippet is exercised by tests/test_precommit.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import CROSS_CONTEXT_QUERY, REPO, write_files
from helpers.ci import assert_code_quality_report
from helpers.ci_docs import blocks, documentation, snippet
from junitparser import JUnitXml

BIN = Path(sys.executable).parent


def sh_lines(info: str = "sh") -> list[str]:
    return [
        line
        for body in re.findall(rf"^```{info}\n(.*?)^```", documentation(), re.MULTILINE | re.DOTALL)
        for line in body.splitlines()
        if line.strip()
    ]


def check_jsonschema(schema: str, path: Path) -> None:
    tool = BIN / "check-jsonschema"
    assert tool.exists(), "check-jsonschema is a test dependency: pip install -e '.[test]'"
    proc = subprocess.run(
        [str(tool), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def on_path(env: dict | None = None) -> dict:
    """The environment of a CI runner with archlint installed: this interpreter's bin."""
    base = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_OUTPUT")}
    base["PATH"] = f"{BIN}{os.pathsep}{base.get('PATH', '')}"
    return {**base, **(env or {})}


VIOLATION = {"services/estate.yaml": CROSS_CONTEXT_QUERY}
CLEAN = {
    "services/estate.yaml": VIOLATION["services/estate.yaml"].replace(
        "  queries: [{to: stock, name: GetLevel}]\n", "  global: false\n"
    )
}


# --- GitHub Actions --------------------------------------------------------------------

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]


def step(name: str) -> dict:
    return next(s for s in STEPS if s.get("name") == name)


def test_action_is_a_valid_composite_action():
    check_jsonschema("vendor.github-actions", REPO / "action.yml")
    assert ACTION["runs"]["using"] == "composite"
    assert [s.get("uses", "run").split("@")[0] for s in STEPS] == [
        "actions/setup-python",
        "run",
        "run",  # lint
        "run",  # diff (mode: diff)
        "run",  # the sticky comment (mode: diff, comment: true)
        "github/codeql-action/upload-sarif",
        "run",  # fail on findings
        "run",  # fail on new findings (mode: diff)
    ]
    install = step("Install archlint")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert "pip install" in install["run"] and '"$ACTION_PATH"' in install["run"]
    upload = step("Upload SARIF to code scanning")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "steps.lint.outputs.exit-code != '2'" in upload["if"]


def test_action_uses_only_declared_inputs_and_never_inlines_them_in_scripts():
    used = set(re.findall(r"inputs\.([\w-]+)", (REPO / "action.yml").read_text()))
    assert used == set(ACTION["inputs"])
    for s in STEPS:
        assert "${{" not in s.get("run", ""), "inputs reach scripts through env, not inlined"


def evaluate(value: str, context: dict) -> str:
    """The few `${{ }}` expressions the action's env uses: dotted names, looked up."""

    def lookup(match):
        node = context
        for part in match.group(1).split("."):
            node = node[part]
        return str(node)

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lookup, value)


def run_action_step(name: str, root: Path, context: dict) -> subprocess.CompletedProcess:
    s = step(name)
    env = {k: evaluate(v, context) for k, v in s.get("env", {}).items()}
    return subprocess.run(
        ["bash", "-e", "-c", s["run"]],
        cwd=root,
        capture_output=True,
        text=True,
        env=on_path({**env, **context["runner_env"]}),
        timeout=120,
    )


@pytest.mark.parametrize("files, code", [(VIOLATION, "1"), (CLEAN, "0")])
def test_action_lint_and_fail_steps_run(tmp_path, files, code):
    root = write_files(tmp_path / "repo", files)
    output = tmp_path / "github_output"
    output.write_text("")
    inputs = {k: v.get("default", "") for k, v in ACTION["inputs"].items()}
    inputs["paths"] = "services"
    context = {
        "inputs": inputs,
        "steps": {"lint": {"outputs": {}}},
        "runner_env": {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)},
    }
    lint = run_action_step("Lint the estate", root, context)
    assert lint.returncode == 0, lint.stderr  # the exit code is kept for later
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs == {"exit-code": code}
    sarif = json.loads((root / "archlint.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == (1 if code == "1" else 0)
    if code == "1":
        assert lint.stdout.startswith("::error title=CX001 cross-context-query,file=services/")
    context["steps"]["lint"]["outputs"] = outputs
    assert run_action_step("Fail on findings", root, context).returncode == int(code)


def test_workflow_snippet_is_valid_and_uses_the_action():
    text = snippet("yaml .github/workflows/archlint.yml")
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"archlint-workflow-{os.getpid()}.yml"
    path.write_text(text)
    try:
        check_jsonschema("vendor.github-workflows", path)
    finally:
        path.unlink()
    workflow = yaml.safe_load(text)
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["archlint"]["steps"]
    action = next(s for s in steps if s.get("uses", "").split("@")[0].endswith("/archlint"))
    assert set(action.get("with", {})) <= set(ACTION["inputs"])
    assert steps[0]["uses"].startswith("actions/checkout@")


def test_plain_steps_snippet_lints_with_annotations(tmp_path):
    [text] = [b for b in blocks("yaml") if "actions/setup-python" in b]
    steps = yaml.safe_load(text)
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0].startswith("pip install ") and "archlint" in runs[0]
    root = write_files(tmp_path, VIOLATION)
    command = runs[1].split("#")[0]
    proc = subprocess.run(
        shlex.split(command),
        cwd=root,
        capture_output=True,
        text=True,
        env=on_path({"GITHUB_ACTIONS": "true"}),
    )
    assert proc.returncode == 1 and proc.stdout.startswith("::error ")


# --- GitLab CI -------------------------------------------------------------------------


def test_gitlab_job_is_valid_and_its_reports_are_what_gitlab_reads(tmp_path):
    text = snippet("yaml .gitlab-ci.yml")
    (tmp_path / ".gitlab-ci.yml").write_text(text)
    check_jsonschema("vendor.gitlab-ci", tmp_path / ".gitlab-ci.yml")
    job = yaml.safe_load(text)["archlint"]
    assert job["artifacts"]["when"] == "always"
    reports = job["artifacts"]["reports"]
    root = write_files(tmp_path / "repo", VIOLATION)
    for line in job["script"]:
        if line.startswith("pip install"):
            continue  # archlint is installed here already
        proc = subprocess.run(
            shlex.split(line), cwd=root, capture_output=True, text=True, env=on_path()
        )
        assert proc.returncode == 1, proc.stderr  # the violation fails the job
    issues = assert_code_quality_report((root / reports["codequality"]).read_text())
    assert [i["check_name"] for i in issues] == ["CX001"]
    assert issues[0]["location"]["path"] == "services/estate.yaml"
    junit = JUnitXml.fromfile(str(root / reports["junit"]))
    assert junit.failures == 1


# --- pre-commit ------------------------------------------------------------------------


def test_pre_commit_snippet_names_the_hook_this_repository_defines():
    config = yaml.safe_load(snippet("yaml .pre-commit-config.yaml"))
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert (
        [h["id"] for h in config["repos"][0]["hooks"]] == [h["id"] for h in hooks] == ["archlint"]
    )
    hook = hooks[0]
    assert (
        hook["entry"],
        hook["language"],
        hook["pass_filenames"],
        hook["types"],
        hook["require_serial"],
    ) == ("archlint lint", "python", False, ["yaml"], True)


# --- VS Code ---------------------------------------------------------------------------


def test_vscode_settings_map_the_schema_init_writes_to_the_manifests(tmp_path):
    settings = json.loads(snippet("json .vscode/settings.json"))
    [(schema_path, globs)] = settings["yaml.schemas"].items()
    proc = subprocess.run(
        [str(BIN / "archlint"), "init"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / schema_path).is_file()
    matched = {p.relative_to(tmp_path).as_posix() for g in globs for p in tmp_path.glob(g)}
    assert matched == {"services/orders.yaml", "services/shipping.yaml"}


def test_modeline_and_schema_command_match_what_init_writes(tmp_path):
    [modeline] = [b.strip() for b in blocks("yaml") if b.startswith("# yaml-language-server:")]
    subprocess.run([str(BIN / "archlint"), "init"], cwd=tmp_path, capture_output=True, check=True)
    assert (tmp_path / "services/orders.yaml").read_text().splitlines()[0] == modeline
    assert "archlint schema > archlint.schema.json" in sh_lines()
    subprocess.run(
        "archlint schema > fresh.json", shell=True, cwd=tmp_path, env=on_path(), check=True
    )
    assert (tmp_path / "fresh.json").read_text() == (tmp_path / "archlint.schema.json").read_text()


# --- the commands shown ----------------------------------------------------------------


@pytest.mark.slow  # five archlint processes, a second or more
def test_every_shell_command_shown_runs(tmp_path):
    root = write_files(tmp_path, VIOLATION)
    (root / "archlint.yaml").write_text("paths: [services]\n")
    expected = {  # command -> exit code on an estate with one accepted violation
        "archlint lint --output sarif:archlint.sarif --output junit:archlint-junit.xml": 1,
        "archlint baseline -o archlint-baseline.json": 0,
        "archlint lint --baseline archlint-baseline.json": 0,
        "archlint baseline --prune -o archlint-baseline.json": 0,
        "archlint schema > archlint.schema.json": 0,
    }
    assert sorted(sh_lines()) == sorted(expected)
    for command in sh_lines():  # in the documented order
        proc = subprocess.run(
            command, shell=True, cwd=root, capture_output=True, text=True, env=on_path()
        )
        assert proc.returncode == expected[command], (command, proc.stdout, proc.stderr)
    assert (root / "archlint.sarif").exists() and (root / "archlint-junit.xml").exists()
    assert shutil.which("archlint", path=str(BIN))
