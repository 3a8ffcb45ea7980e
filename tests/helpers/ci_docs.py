"""The "CI and editors" page as users read it (docs/ci.md), and its fenced snippets: the
documentation tests (test_ci_docs.py, test_precommit.py) run what it shows."""

from __future__ import annotations

import re

from . import REPO

PAGE = REPO / "docs" / "ci.md"


def documentation() -> str:
    """The page as users read it."""
    return PAGE.read_text(encoding="utf-8")


def blocks(info: str) -> list[str]:
    """The fenced blocks whose info string is `info` (a language and, often, a file name)."""
    found = re.findall(r"^```([^\n]*)\n(.*?)^```", documentation(), re.MULTILINE | re.DOTALL)
    return [body for head, body in found if head.strip() == info]


def snippet(info: str) -> str:
    found = blocks(info)
    assert len(found) == 1, f"expected one ```{info} block, found {len(found)}"
    return found[0]
