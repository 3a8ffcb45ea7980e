"""Output formats for lint results: name -> `render(result, options) -> str`.

Formatters consume a LintResult (findings and the estate); they never re-parse anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archlint.engine import LintResult
from archlint.formats import full, github, gitlab, grouped, json, json_lines, junit, sarif, text
from archlint.formats.render_options import RenderOptions

__all__ = ["FORMATS", "RenderOptions", "Renderer", "render"]

Renderer = Callable[[LintResult, RenderOptions], str]

# Registration: format name -> its formatter.
FORMATS: Mapping[str, Renderer] = {
    "text": text.render,
    "full": full.render,
    "grouped": grouped.render,
    "json": json.render,
    "json-lines": json_lines.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}


def render(name: str, result: LintResult, options: RenderOptions | None = None) -> str:
    return FORMATS[name](result, options or RenderOptions())
