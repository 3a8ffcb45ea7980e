"""Shared test helpers: write an estate to disk, compare with golden files, run the CLI
in-process. Tests import them as `from helpers import ...` (tests/ is on pytest's
pythonpath); fixtures live in tests/conftest.py."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from click.testing import CliRunner

from archlint.cli import cli

REPO = Path(__file__).resolve().parent.parent.parent
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
