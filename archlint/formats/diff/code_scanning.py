"""`archlint diff --format sarif`: the findings the change introduces, and only those, as
`archlint lint --format sarif` writes findings (so code scanning flags what is new)."""

from __future__ import annotations

from archlint.changes import EstateDiff
from archlint.engine import LintResult
from archlint.formats import sarif
from archlint.formats.render_options import RenderOptions
from archlint.model import Estate


def render(diff: EstateDiff) -> str:
    introduced = LintResult(Estate(), diff.introduced, rules=diff.rules)
    return sarif.render(introduced, RenderOptions())
