"""The README's "CI and editors" section as users read it, and its fenced snippets: the
documentation tests (test_ci_docs.py, test_precommit.py) run what it shows."""

from __future__ import annotations

import re

from . import REPO

SECTION = "## CI and editors"


def documentation() -> str:
    """The section as users read it, in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8").split(SECTION, 1)[1]
    return SECTION + re.split(r"\n## ", text, maxsplit=1)[0]


def blocks(info: str) -> list[str]:
    """The fenced blocks whose info string is `info` (a language and, often, a file name)."""
    found = re.findall(r"^```([^\n]*)\n(.*?)^```", documentation(), re.MULTILINE | re.DOTALL)
    return [body for head, body in found if head.strip() == info]


def snippet(info: str) -> str:
    found = blocks(info)
    assert len(found) == 1, f"expected one ```{info} block, found {len(found)}"
    return found[0]
