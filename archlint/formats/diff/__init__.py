"""Output formats of `archlint diff`: name -> `render(diff) -> str`.

text      (plain_text) for a terminal: the changes, then the findings introduced and fixed
markdown  (comment) a pull-request comment, capped below GitHub's 65,536 characters
json      (contract) the contract in DESIGN.md ("Diff output")
sarif     (code_scanning) the introduced findings only, for code scanning
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archlint.changes import EstateDiff
from archlint.formats.diff import code_scanning, comment, contract, plain_text

__all__ = ["DIFF_FORMATS", "render_diff"]

# Registration: format name -> its formatter.
DIFF_FORMATS: Mapping[str, Callable[[EstateDiff], str]] = {
    "text": plain_text.render,
    "markdown": comment.render,
    "json": contract.render,
    "sarif": code_scanning.render,
}


def render_diff(name: str, diff: EstateDiff) -> str:
    return DIFF_FORMATS[name](diff)
