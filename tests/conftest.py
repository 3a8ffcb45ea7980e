"""Shared test helpers: write an estate to disk, run the CLI in-process."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from archlint.cli import cli

REPO = Path(__file__).resolve().parent.parent
REGENERATE = os.environ.get("ARCHLINT_REGEN_GOLDEN") == "1"


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def check_golden(path: Path, text: str) -> None:
    """Compare output with its golden file; ARCHLINT_REGEN_GOLDEN=1 rewrites it instead."""
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path}; run with ARCHLINT_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, regenerate with "
        "ARCHLINT_REGEN_GOLDEN=1 and review the diff"
    )


# A two-service estate with one cross-context query (CX001): the smallest failing estate.
CROSS_CONTEXT_QUERY = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: basket, context: basket}
spec:
  queries: [{to: stock, name: GetLevel}]
---
apiVersion: archlint/v1
kind: Service
metadata: {name: stock, context: inventory}
"""


def run_cli(args, cwd: Path | None = None, env: dict | None = None):
    """Run `archlint ARGS` in-process from `cwd`; returns click's Result (exit_code, output)."""
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def estate_dir(tmp_path):
    """A factory: estate_dir({"a.yaml": "..."}) writes the files and returns the folder."""
    return lambda files: write_files(tmp_path, files)


@pytest.fixture(autouse=True)
def _not_inside_github_actions(monkeypatch):
    """`archlint lint` picks the github format inside Actions; tests choose for themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
