"""Output formats of `archlint diff`: name -> `render(diff) -> str`.

text      for a terminal: the changes, then the findings introduced and fixed
markdown  a pull-request comment, capped below GitHub's 65,536 characters
json      the contract in DESIGN.md ("Diff output")
sarif     the introduced findings only, for code scanning
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archlint.changes import EstateDiff
from archlint.formats.diff import json, markdown, sarif, text

__all__ = ["DIFF_FORMATS", "render_diff"]

# Registration: format name -> its formatter.
DIFF_FORMATS: Mapping[str, Callable[[EstateDiff], str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "json": json.render,
    "sarif": sarif.render,
}


def render_diff(name: str, diff: EstateDiff) -> str:
    return DIFF_FORMATS[name](diff)
