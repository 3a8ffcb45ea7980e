"""`--format gitlab`: a GitLab Code Quality report (a JSON array, Code Climate style).

Each finding is one issue with the fields GitLab requires: `description`, `check_name`,
`fingerprint`, `severity` and `location.path` with `location.lines.begin`. The fingerprint
is made from the finding's identity, never its line, so a merge request shows a finding as
new only when it is. Severities: error -> major, warning -> minor, info -> info.
"""

from __future__ import annotations

from typing import Any

from archlint.engine import LintResult
from archlint.findings import Finding, fingerprints
from archlint.formats import json_text
from archlint.formats.render_options import RenderOptions

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issue(f: Finding, fingerprint: str) -> dict[str, Any]:
    loc = f.location
    return {
        "type": "issue",
        "engine_name": "archlint",
        "check_name": f.code,
        "description": f"{f.code} [{f.slug}] {f.message}" if f.slug else f"{f.code} {f.message}",
        "categories": ["Bug Risk"] if f.severity == "error" else ["Clarity"],
        "severity": SEVERITY.get(f.severity, "major"),
        "fingerprint": fingerprint,
        # GitLab needs a path: a finding about no file points at the folder linted.
        "location": {
            "path": loc.path if loc and loc.path else ".",
            "lines": {"begin": max(loc.line, 1) if loc else 1},
        },
    }


def report(result: LintResult) -> list[dict[str, Any]]:
    return [
        issue(f, fp) for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
    ]


def render(result: LintResult, options: RenderOptions) -> str:
    return json_text.dumps(report(result)) + "\n"
