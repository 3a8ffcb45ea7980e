"""`archlint diff --format json`: the contract of DESIGN.md, "Diff output"."""

from __future__ import annotations

from archlint.changes import EstateDiff
from archlint.formats import json_text

VERSION = 1


def to_data(diff: EstateDiff) -> dict[str, object]:
    return {
        "version": VERSION,
        "base": dict(diff.base),
        "head": dict(diff.head),
        "changes": [c.to_dict() for c in diff.changes],
        "findings": {
            "introduced": [f.to_dict() for f in diff.introduced],
            "fixed": [f.to_dict() for f in diff.fixed],
            "unchanged": diff.unchanged,
        },
        "availability": [a.to_dict() for a in diff.availability],
        "summary": diff.summary,
    }


def render(diff: EstateDiff) -> str:
    return json_text.dumps(to_data(diff)) + "\n"
