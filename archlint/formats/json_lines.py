"""`--format json-lines`: one finding per line, each the JSON output contract's finding.

For tools that stream or `grep` (jq -c, log shippers). No summary line: a clean estate
prints nothing.
"""

from __future__ import annotations

from archlint.engine import LintResult
from archlint.formats import json_text
from archlint.formats.render_options import RenderOptions


def render(result: LintResult, options: RenderOptions) -> str:
    return "".join(json_text.dumps(f.to_dict(), indent=None) + "\n" for f in result.findings)
