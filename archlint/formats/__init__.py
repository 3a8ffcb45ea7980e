"""Output formats for lint results: name -> module with `render(result, options) -> str`.

Formatters consume a LintResult (findings and the estate); they never re-parse anything.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from archlint.engine import LintResult

# Registration: format name -> module in this package.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
}


@dataclass(frozen=True)
class RenderOptions:
    quiet: bool = False  # findings only, no summary
    statistics: bool = False  # counts per rule instead of each finding
    color: bool = False


def render(name: str, result: LintResult, options: RenderOptions = RenderOptions()) -> str:
    module = importlib.import_module(f"archlint.formats.{FORMATS[name]}")
    return module.render(result, options)
