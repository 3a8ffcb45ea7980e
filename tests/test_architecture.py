"""The layering is a contract, checked by import-linter on every test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a test dependency: pip install -e '.[test]'"
    proc = subprocess.run([lint_imports], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 3 kept, 0 broken." in proc.stdout


def test_the_contracts_hold_without_exceptions():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "ignore_imports" not in text


def test_no_dependency_is_hidden_behind_importlib():
    """Imports by name hide a dependency from the contracts: every import is a statement."""
    for path in sorted((REPO / "archlint").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "import_module" not in text and "__import__" not in text, path
