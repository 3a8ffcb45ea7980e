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


@pytest.fixture(autouse=True)
def _cache_of_its_own(monkeypatch, tmp_path_factory):
    """Each test's `archlint lint` keeps its cache in a folder of its own: never in the
    repository, and never a replay of what another test's (monkeypatched) archlint found."""
    monkeypatch.setenv("ARCHLINT_CACHE_DIR", str(tmp_path_factory.mktemp("archlint-cache")))


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, with the flags this machine needs (tests/helpers/browser.py);
    one per test module."""
    from helpers.browser import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
