"""Shared fixtures; shared helpers that are not fixtures live in tests/helpers."""

from __future__ import annotations

import pytest
from helpers import write_files


@pytest.fixture
def estate_dir(tmp_path):
    """A factory: estate_dir({"a.yaml": "..."}) writes the files and returns the folder."""
    return lambda files: write_files(tmp_path, files)


@pytest.fixture(autouse=True)
def _not_inside_github_actions(monkeypatch):
    """`archlint lint` picks the github format inside Actions; tests choose for themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
