"""`--format json`: the stable machine interface (DESIGN.md, "Output contract")."""

from __future__ import annotations

from typing import Any

from archlint.engine import LintResult
from archlint.formats import json_text
from archlint.formats.render_options import RenderOptions

VERSION = 1


def as_document(result: LintResult) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": VERSION,
        "findings": [f.to_dict() for f in result.findings],
        "summary": result.summary,
    }
    if result.baseline is not None:  # only with a baseline: a key added, none changed
        doc["baseline"] = {
            "file": result.baseline,
            "accepted": result.baselined,
            "stale": list(result.stale),
        }
    return doc


def render(result: LintResult, options: RenderOptions) -> str:
    return json_text.dumps(as_document(result)) + "\n"
