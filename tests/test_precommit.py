"""The pre-commit hook, with the real pre-commit: on a temporary git repository of
manifests the hook fails on a violation and passes once it is fixed, through
`pre-commit try-repo` and through the README's `.pre-commit-config.yaml` snippet.

pre-commit installs archlint into its own virtualenv with pip, from a git repository made
of this working tree (so the test covers uncommitted changes). `try-repo` builds that
environment afresh on every call, so the test first gathers archlint's dependencies and
build backend into a local wheelhouse (one pip run: PyPI or a warm pip cache), and points
pre-commit's pip at it alone: each environment then installs offline, in seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CROSS_CONTEXT_QUERY, REPO, write_files
from helpers.ci_docs import snippet

# pre-commit builds environments with pip (a registry or a warm cache), for seconds.
pytestmark = [pytest.mark.slow, pytest.mark.network]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
# What pip needs to build and install archlint from the hook repository.
PACKAGE_FILES = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "archlint",
    "rules",
    ".pre-commit-hooks.yaml",
)
VIOLATION = CROSS_CONTEXT_QUERY
FIXED = VIOLATION.replace("  queries: [{to: stock, name: GetLevel}]\n", "  global: false\n")


def git_env(home: Path) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "GITHUB_"))
    }
    env.update(
        {
            "GIT_AUTHOR_NAME": "archlint tests",
            "GIT_AUTHOR_EMAIL": "tests@archlint.invalid",
            "GIT_COMMITTER_NAME": "archlint tests",
            "GIT_COMMITTER_EMAIL": "tests@archlint.invalid",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(home),
            "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    return env


def git(cwd: Path, env: dict, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    if not PRE_COMMIT.exists():
        pytest.fail("pre-commit is a test dependency: pip install -e '.[test]'")
    home = tmp_path_factory.mktemp("home")
    env = git_env(home)
    hook_repo = tmp_path_factory.mktemp("archlint-repo")
    for name in PACKAGE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        elif source.exists():
            shutil.copyfile(source, hook_repo / name)
    git(hook_repo, env, "init", "-q", "-b", "main")
    git(hook_repo, env, "add", "-A")
    git(hook_repo, env, "commit", "-q", "-m", "archlint under test")
    rev = git(hook_repo, env, "rev-parse", "HEAD")
    wheels = tmp_path_factory.mktemp("wheelhouse")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    for args in (
        ["wheel", "--wheel-dir", str(wheels), str(hook_repo)],
        ["download", "--dest", str(wheels), "setuptools>=68"],
    ):  # the build backend
        proc = subprocess.run(pip + args, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, (
            f"pip could not gather archlint's dependencies "
            f"(PyPI or a warm pip cache is needed): {proc.stderr}"
        )
    env.update({"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)})
    return env, hook_repo, rev


def manifests_repo(root: Path, env: dict, text: str) -> Path:
    write_files(root, {"archlint.yaml": "paths: [services]\n", "services/estate.yaml": text})
    git(root, env, "init", "-q", "-b", "main")
    git(root, env, "add", "-A")
    return root


def pre_commit(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PRE_COMMIT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


def test_try_repo_fails_on_a_violation_and_passes_once_fixed(setup, tmp_path):
    env, hook_repo, _ = setup
    repo = manifests_repo(tmp_path, env, VIOLATION)
    failing = pre_commit(repo, env, "try-repo", str(hook_repo), "archlint", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "archlint" in failing.stdout and "Failed" in failing.stdout
    assert re.search(
        r"services/estate.yaml:5:\d+: ERROR CX001 \[cross-context-query\]", failing.stdout
    )
    (repo / "services/estate.yaml").write_text(FIXED)
    git(repo, env, "add", "-A")
    passing = pre_commit(repo, env, "try-repo", str(hook_repo), "archlint", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"archlint\.+Passed", passing.stdout), passing.stdout


def test_readme_snippet_as_the_repository_configuration(setup, tmp_path):
    env, hook_repo, rev = setup
    text = snippet("yaml .pre-commit-config.yaml")
    url = re.search(r"^\s*- repo: (\S+)$", text, re.MULTILINE).group(1)
    version = re.search(r"^\s*rev: (\S+)$", text, re.MULTILINE).group(1)
    # The snippet verbatim, but for where archlint comes from: this working tree.
    config = text.replace(url, str(hook_repo)).replace(f"rev: {version}", f"rev: {rev}")
    repo = manifests_repo(tmp_path, env, VIOLATION)
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, env, "add", "-A")
    failing = pre_commit(repo, env, "run", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "CX001" in failing.stdout
    (repo / "services/estate.yaml").write_text(FIXED)
    git(repo, env, "add", "-A")
    passing = pre_commit(repo, env, "run", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    # `types: [yaml]`: a commit without YAML does not run the hook at all.
    (repo / "notes.txt").write_text("not a manifest\n")
    git(repo, env, "add", "notes.txt")
    skipped = pre_commit(repo, env, "run", "--files", "notes.txt")
    assert skipped.returncode == 0 and "(no files to check)Skipped" in skipped.stdout
