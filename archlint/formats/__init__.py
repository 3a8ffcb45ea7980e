"""Output formats for lint results: name -> `render(result, options) -> str`.

Formatters consume a LintResult (findings and the estate); they never re-parse anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archlint.engine import LintResult
from archlint.formats import full, github, gitlab, grouped, json, json_lines, text
from archlint.formats.render_options import RenderOptions

__all__ = ["FORMATS", "RenderOptions", "Renderer", "render"]

Renderer = Callable[[LintResult, RenderOptions], str]


# SARIF reads the rule pages (YAML) and JUnit imports xml.etree: imported when asked for.
def _sarif(result: LintResult, options: RenderOptions) -> str:
    from archlint.formats import sarif

    return sarif.render(result, options)


def _junit(result: LintResult, options: RenderOptions) -> str:
    from archlint.formats import junit

    return junit.render(result, options)


# Registration: format name -> its formatter.
FORMATS: Mapping[str, Renderer] = {
    "text": text.render,
    "full": full.render,
    "grouped": grouped.render,
    "json": json.render,
    "json-lines": json_lines.render,
    "sarif": _sarif,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": _junit,
}


def render(name: str, result: LintResult, options: RenderOptions | None = None) -> str:
    return FORMATS[name](result, options or RenderOptions())
