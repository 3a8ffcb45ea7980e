"""`--format json`: the stable machine interface (DESIGN.md, "Output contract")."""

from __future__ import annotations

import json

VERSION = 1


def as_document(result) -> dict:
    doc = {
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


def render(result, options=None) -> str:
    return json.dumps(as_document(result), indent=2, ensure_ascii=False) + "\n"
