"""The HTML report: `archlint report` writes one self-contained file.

data      what the report shows, from a LintResult and the rule catalogue (pure)
diagrams  the context map and the per-context diagrams, drawn by Graphviz as SVG
html      the Jinja2 templates (templates/), CSS, JavaScript and CSP around it all
"""

from __future__ import annotations

from archlint.rule_pages import builtin_rules


def generate(
    result, title: str = "archlint report", workers: int | None = None, diagrams: bool = True
) -> str:
    """The report of a lint result, as one HTML document.

    Without `diagrams` (where Graphviz is not installed) the report is whole but for its
    drawings, and says how to get them.
    """
    from archlint.report.data import build_report
    from archlint.report.diagrams import draw
    from archlint.report.html import render_html

    rules = result.rules or builtin_rules()
    report = build_report(result, {s.code: s for s in rules.specs}, title=title)
    figures = draw(report, result, workers=workers) if diagrams else []
    return render_html(report, figures, diagrams_missing=not diagrams)
